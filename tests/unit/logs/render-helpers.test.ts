import { describe, expect, it } from "vitest";
import { splitHighlight } from "@/lib/logs/highlight";
import { safeHttpUrl } from "@/lib/logs/safe-url";
import { parseUserAgent } from "@/lib/logs/user-agent";
import { splitInvisible, visibleText } from "@/lib/logs/visible-text";

describe("visible escapes (TC-10)", () => {
  it("shows controls, bidi and zero-width characters as escapes", () => {
    expect(visibleText("a\u001b[31mred")).toBe("a\\e[31mred");
    expect(visibleText("x\r\ny", { keepNewlines: true })).toBe("x\\r\ny");
    expect(visibleText("x\r\ny")).toBe("x\\r\\ny");
    expect(visibleText("admin\u202Etxt.exe")).toBe("admin\\u{202E}txt.exe");
    expect(visibleText("zero\u200Bwidth\uFEFF")).toBe("zero\\u{200B}width\\u{FEFF}");
    expect(visibleText("tab\there", { keepNewlines: true })).toBe("tab\there");
    expect(visibleText("lone \ud800 surrogate")).toBe("lone \\u{D800} surrogate");
    expect(visibleText("emoji 😀 ok")).toBe("emoji 😀 ok");
  });

  it("never leaves a raw C0 control except TAB/LF in the output", () => {
    let all = "";
    for (let c = 0; c < 0x20; c++) all += String.fromCharCode(c);
    const out = visibleText(`${all}\u007f\u0085`, { keepNewlines: true });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(out.replace(/[\t\n]/g, "")).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    const segments = splitInvisible("a\u0000b");
    expect(segments).toEqual([
      { kind: "text", text: "a", start: 0 },
      { kind: "escape", text: "\\0", start: 1 },
      { kind: "text", text: "b", start: 2 },
    ]);
  });
});

describe("safeHttpUrl (XSS-2)", () => {
  it.each([
    ["https://example.com/a?b=1", "https://example.com/a?b=1"],
    ["http://example.com", "http://example.com/"],
    ["javascript:alert(1)", null],
    [" JavaScript:alert(1)", null],
    ["java\tscript:alert(1)", null],
    ["data:text/html,<script>alert(1)</script>", null],
    ["vbscript:msgbox(1)", null],
    ["//evil.example", null],
    ["/relative", null],
    ["not a url", null],
    [null, null],
  ])("%j → %j", (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });
});

describe("parseUserAgent", () => {
  it("reads common browsers", () => {
    expect(
      parseUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
      ),
    ).toEqual({ browser: "Chrome 120", os: "Windows 10/11", device: "desktop" });
    expect(
      parseUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
      ),
    ).toEqual({ browser: "Safari 17", os: "iOS 17", device: "mobile" });
    expect(
      parseUserAgent("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"),
    ).toEqual({ browser: "Firefox 121", os: "Linux", device: "desktop" });
    expect(parseUserAgent(null)).toEqual({ browser: null, os: null, device: null });
  });

  it("stays linear on hostile input (SIZE-5)", () => {
    const hostile = `${"Mozilla/5.0 (".repeat(50_000)}iPhone${" OS".repeat(50_000)}`;
    // Only the first 512 characters are read, so the far-away "iPhone" is not seen.
    expect(parseUserAgent(hostile)).toEqual({ browser: null, os: null, device: "desktop" });
  });
});

describe("splitHighlight (QRY-2: indexOf, no RegExp from input)", () => {
  it("marks every case-insensitive occurrence, literally", () => {
    expect(splitHighlight("Error: error (.*)", "ERROR")).toEqual([
      { text: "Error", start: 0, match: true },
      { text: ": ", start: 5, match: false },
      { text: "error", start: 7, match: true },
      { text: " (.*)", start: 12, match: false },
    ]);
    expect(splitHighlight("a (.*) b", "(.*)").filter((p) => p.match)).toHaveLength(1);
    expect(splitHighlight("no match", "zzz")).toEqual([
      { text: "no match", start: 0, match: false },
    ]);
    expect(splitHighlight("x", undefined)).toEqual([{ text: "x", start: 0, match: false }]);
  });

  it("falls back to exact case when lower-casing changes lengths", () => {
    expect(splitHighlight("İstanbul istanbul", "istanbul").filter((p) => p.match)).toEqual([
      { text: "istanbul", start: 9, match: true },
    ]);
  });
});
