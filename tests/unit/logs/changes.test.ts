import { describe, expect, it } from "vitest";
import { changeBadge, describeChanges } from "@/lib/logs/changes";

describe("what the server changed, in words", () => {
  it("says what truncation and each normalisation did", () => {
    expect(describeChanges(["message"], ["level", "scrubbed"])).toEqual([
      "message was cut to its size limit",
      "the level was not one of trace, debug, info, warn, error, fatal, so it was stored as info",
      "values that looked like secrets (passwords, tokens, card numbers) were replaced by [redacted]",
    ]);
  });
  it("has a sentence for a field it has no special words for", () => {
    expect(describeChanges([], ["release"])[0]).toMatch(/^release held invalid text/);
  });
  it("badges a row by what matters most, and nothing when unchanged", () => {
    expect(changeBadge(["stack"], ["level"])).toBe("✂ cut by server: stack");
    expect(changeBadge([], ["timestamp"])).toBe("changed by server: timestamp");
    expect(changeBadge([], [])).toBeNull();
  });
});
