// Issue 11 item 6: hostile text must not multiply a page's size. Runs of one invisible
// character are one escape with a count; a field shows at most a capped number of escapes,
// then says how much it left out. Nothing invisible is ever returned raw.
import { describe, expect, it } from "vitest";
import { stackLines } from "@/lib/logs/stack-lines";
import {
  maxEscapesPerField,
  splitInvisible,
  splitInvisibleParts,
  type TextSegment,
  visibleText,
} from "@/lib/logs/visible-text";

const escapes = (segments: TextSegment[]) => segments.filter((s) => s.kind === "escape");
const rawInvisible =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;

describe("runs of one invisible character", () => {
  it("make a single escape with the count", () => {
    const segments = splitInvisible(`a${"\u200B".repeat(100_000)}b`);
    expect(segments).toEqual([
      { kind: "text", text: "a", start: 0 },
      { kind: "escape", text: "\\u{200B}×100000", start: 1 },
      { kind: "text", text: "b", start: 100_001 },
    ]);
  });

  it("keep a single character as it was, and split runs of different characters", () => {
    expect(visibleText("x\u202Ey")).toBe("x\\u{202E}y");
    expect(visibleText("\u200B\u200B\u200C\r\r")).toBe("\\u{200B}×2\\u{200C}\\r×2");
    expect(visibleText("\n\n\t", { keepNewlines: false })).toBe("\\n×2\\t");
  });

  it("never swallows a high surrogate that pairs with the next character", () => {
    expect(visibleText("\uD800\uD800\uDC00")).toBe("\\u{D800}\u{10000}");
  });
});

describe("the escape cap per field", () => {
  it("bounds 100,000 alternating invisible characters to the cap, then a note", () => {
    const segments = splitInvisible("\u200B\u200C".repeat(50_000));
    expect(escapes(segments)).toHaveLength(maxEscapesPerField);
    expect(segments).toHaveLength(maxEscapesPerField + 1);
    expect(segments.at(-1)).toEqual({
      kind: "omitted",
      text: `… ${(100_000 - maxEscapesPerField).toLocaleString("en-US")} more characters not shown (${(100_000 - maxEscapesPerField).toLocaleString("en-US")} invisible)`,
      start: maxEscapesPerField,
    });
  });

  it("keeps flagging bidi and zero-width characters up to the cap, and never shows them raw", () => {
    const hostile = "admin\u202Etxt.exe\u200B".repeat(5_000);
    const segments = splitInvisible(hostile, { maxEscapes: 10 });
    expect(escapes(segments).map((s) => s.text)).toEqual(
      Array.from({ length: 5 }, () => ["\\u{202E}", "\\u{200B}"]).flat(),
    );
    for (const s of segments) expect(s.text).not.toMatch(rawInvisible);
    expect(segments.at(-1)?.kind).toBe("omitted");
  });

  it("leaves ordinary text and fields under the cap whole", () => {
    const text = "plain message with \u001b[31mone colour\u001b[0m";
    expect(
      splitInvisible(text)
        .map((s) => s.text)
        .join(""),
    ).toBe("plain message with \\e[31mone colour\\e[0m");
  });
});

describe("one budget across the pieces of a field", () => {
  it("caps a stack of 32,768 lines of escapes, not each line", () => {
    const stack = `Error: x\n${"\u200B\n\u0001\n".repeat(16_384)}`;
    const lines = splitInvisibleParts(stack, stackLines(stack), { keepNewlines: true });
    const shown = lines.flatMap((l) => l.segments);
    expect(escapes(shown)).toHaveLength(maxEscapesPerField);
    expect(shown.at(-1)?.kind).toBe("omitted");
    // The message line, one line per escape, and the line where the note stands.
    expect(lines.length).toBeLessThanOrEqual(maxEscapesPerField + 2);
  });

  it("keeps offsets of the whole text (stable React keys)", () => {
    const text = "ab\u200Bcd";
    const parts = [
      { text: "ab", start: 0 },
      { text: "\u200Bcd", start: 2 },
    ];
    expect(splitInvisibleParts(text, parts).map((p) => p.segments)).toEqual([
      [{ kind: "text", text: "ab", start: 0 }],
      [
        { kind: "escape", text: "\\u{200B}", start: 2 },
        { kind: "text", text: "cd", start: 3 },
      ],
    ]);
  });
});

describe("stackLines", () => {
  it("marks frames and caps the number of lines, the last one holding the rest", () => {
    expect(stackLines("Error: x\n    at f (a.js:1:1)")).toEqual([
      { text: "Error: x", start: 0, isFrame: false },
      { text: "    at f (a.js:1:1)", start: 9, isFrame: true },
    ]);
    const many = stackLines("\n".repeat(32_768), 300);
    expect(many).toHaveLength(300);
    expect(many.at(-1)?.text).toBe("\n".repeat(32_768 - 299));
  });
});
