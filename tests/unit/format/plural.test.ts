import { describe, expect, it } from "vitest";
import { plural } from "@/lib/format/plural";

describe("plural", () => {
  it.each([
    [0, "0 events"],
    [1, "1 event"],
    [2, "2 events"],
    [12_345, "12,345 events"],
  ])("%i → %s", (n, text) => {
    expect(plural(n, "event")).toBe(text);
  });
  it("takes an irregular plural", () => {
    expect(plural(2, "entry", "entries")).toBe("2 entries");
  });
});
