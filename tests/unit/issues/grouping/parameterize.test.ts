import { describe, expect, it } from "vitest";
import { parameterize } from "@/lib/issues/grouping";
import cases from "./cases.json";

describe("parameterize", () => {
  it("masks what varies between occurrences of one error", () => {
    for (const [text, masked] of cases.masked as Array<[string, string]>)
      expect(parameterize(text), text).toBe(masked);
  });

  it("keeps what names the error", () => {
    for (const text of cases.kept) {
      expect(parameterize(text)).toBe(text);
    }
  });

  it("reads a bounded prefix, and hostile text does not make it backtrack", () => {
    const hostile = [
      "1".repeat(100_000),
      "a.".repeat(50_000),
      "a@".repeat(50_000),
      "-".repeat(100_000),
      "::".repeat(50_000),
      `${"a".repeat(100_000)}://`,
      "1.".repeat(50_000),
      "0x".repeat(50_000),
      "1:".repeat(50_000),
      "aA1_".repeat(25_000),
      `${"x".repeat(60)}.`.repeat(2000),
    ];
    for (const text of hostile) {
      // Only the first 1,024 characters are read.
      expect(parameterize(text)).toBe(parameterize(text.slice(0, 1024)));
    }
    expect(parameterize(`order 1 failed${"!".repeat(5000)}`)).toBe(
      parameterize(`order 2 failed${"!".repeat(5000)}`),
    );
  });
});
