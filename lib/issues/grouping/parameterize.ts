import { clip, groupingLimits } from "./limits";

// Masks the parts of a text that vary between occurrences of one error (ids, addresses, times,
// amounts), so "order 8812 failed" and "order 9931 failed" are one issue and a flood of unique
// ids never makes thousands of issues. Each pattern starts with a lookbehind that refuses to
// begin inside a run of its own characters, so a pattern is tried once per run, not once per
// character: linear on hostile text (a 1 KiB run of digits or dots), never catastrophic. The
// order matters: whole addresses before their parts (a URL before its host, a UUID before hex).

type Mask = readonly [pattern: RegExp, replace: string | ((match: string) => string)];

const hasDigit = /\d/;
const durationUnits = "ns|us|µs|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?";
// Hosts are names under these suffixes only: a bare "a.b" is as often a property path
// ("evaluating 'user.name'") or a file ("app.py") as a host, and those must stay.
const hostSuffixes =
  "com|net|org|io|dev|app|co|ai|cloud|edu|gov|biz|info|me|us|uk|de|fr|nl|eu|ca|au|jp|cn|ru|br|in|es|it|se|ch|local|localhost|internal|lan|test|example|invalid|corp|svc";

const masks: readonly Mask[] = [
  [/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>"],
  // The local part may hold any of RFC 5322's atom characters ("o'brien", "a!b").
  [/(?<![\w.+!#$%&'*/=?^`{|}~-])[\w.+!#$%&'*/=?^`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi, "<email>"],
  [
    /(?<![0-9a-f-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f-])/gi,
    "<uuid>",
  ],
  [
    /(?<![\w:-])\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w:])/g,
    "<date>",
  ],
  // IPv6 (an IPv4 tail allowed), told from a time ("18:30:19") by "::" or all eight groups.
  [
    /(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,8}(?:(?:\.\d{1,3}){3})?(?![\w:.])/gi,
    (m) => (m.includes("::") || m.split(":").length + (m.includes(".") ? 1 : 0) === 8 ? "<ip>" : m),
  ],
  [/(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)/g, "<ip>"],
  [new RegExp(`(?<![\\w.-])(?:[a-z0-9-]{1,63}\\.)+(?:${hostSuffixes})(?![\\w.-])`, "gi"), "<host>"],
  [/(?<![\d/.:])\d{1,4}[/.]\d{1,2}[/.]\d{2,4}(?![\d/.])/g, "<date>"],
  [/(?<![\d:])\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?![\d:])/g, "<time>"],
  [/(?<!\w)0x[0-9a-f]+(?!\w)/gi, "<hex>"],
  // Hex of hashes and ids: digits and letters ("deadbeef" is a word, "1000000" a number).
  [
    /(?<![\w-])[0-9a-f]{7,}(?![\w-])/gi,
    (m) => (hasDigit.test(m) && /[a-f]/i.test(m) ? "<hex>" : m),
  ],
  // Tokens and base64 hashes: long, with letters and digits.
  [
    /(?<![\w+/=-])[A-Za-z0-9+/_-]{16,}={0,2}(?![\w+/=-])/g,
    (m) => (hasDigit.test(m) && /[A-Za-z]/.test(m) ? "<hash>" : m),
  ],
  [
    new RegExp(
      `(?<![\\w.])\\d+(?:\\.\\d+)?\\s?(?:${durationUnits})(?:\\d+(?:\\.\\d+)?(?:${durationUnits}))*(?![\\w])`,
      "g",
    ),
    "<duration>",
  ],
  // Standalone numbers, and any run of 4+ digits even inside a word ("ORD8812").
  [/(?<![A-Za-z0-9.])\d+(?:[.,]\d+)*(?:e[+-]?\d+)?(?![A-Za-z0-9])/g, "<num>"],
  [/\d{4,}/g, "<num>"],
];

/** The text with variable parts masked, whitespace collapsed, over its first textChars only. */
export function parameterize(text: string): string {
  let out = clip(text, groupingLimits.textChars);
  for (const [pattern, replace] of masks) {
    out =
      typeof replace === "string" ? out.replace(pattern, replace) : out.replace(pattern, replace);
  }
  return out.replace(/\s+/g, " ").trim();
}
