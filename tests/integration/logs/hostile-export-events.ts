import type { SeedEvent } from "./seed-logs";

// Text that breaks naive CSV writers and readers, spreadsheets and line-based tools: record
// separators of every kind, quotes and delimiters, formula starters (after spaces too), a real
// stack, and text a strict reader must keep byte for byte (issue 17, item 1).
export const hostileTexts = [
  "line one\nline two",
  "carriage\rreturn",
  "windows\r\nline",
  "separators\u2028line\u2029paragraph",
  'say "hi", then "bye"',
  "a,b,,c,",
  '=HYPERLINK("http://evil.example","click")',
  "+1+1",
  "-2+3",
  "@SUM(A1:A2)",
  "\t=1+1",
  "\r=1+1",
  "\n=1+1",
  "   =1+1",
  "\u00a0=1+1",
  "'=already quoted",
  "'",
  "Error: boom\n    at handler (https://app.example/app.js:10:5)\n    at run (app.js:3:1)",
  "emoji 😀👍🏽 日本語 Ünïcode",
  "bidi \u202egnp.exe\u202c \u2066isolate\u2069 zero\u200bwidth",
  "NUL was here: \ufffd (ingest replaces U+0000)",
  'only "quotes" ""',
  "back\\slash\\",
  " leading and trailing ",
  "",
] as const;

/** Every text column gets a different hostile text in each event, so each text meets each column. */
export function hostileEvents(count: number, base: Date): SeedEvent[] {
  const pick = (i: number, column: number) => hostileTexts[(i * 7 + column) % hostileTexts.length];
  return Array.from({ length: count }, (_, i) => ({
    receivedAt: new Date(base.getTime() + i * 1000),
    timestamp: new Date(base.getTime() + i * 1000 - 250),
    level: (["trace", "debug", "info", "warn", "error", "fatal"] as const)[i % 6],
    clientId: `${pick(i, 0)}#${i}`,
    message: pick(i, 1) ?? "",
    logger: pick(i, 2),
    url: pick(i, 3),
    stack: pick(i, 4),
    release: pick(i, 5),
    environment: pick(i, 6),
    sessionId: pick(i, 7),
    userId: pick(i, 8),
    traceId: pick(i, 9),
    userAgent: pick(i, 10),
    clientIp: i % 2 ? "203.0.113.7" : null,
    country: i % 2 ? "DE" : null,
    requestId: i % 2 ? "0190a6d2-7c1e-7b3a-9f00-00000000000a" : null,
    attributes: {
      [pick(i, 11) ?? "k"]: pick(i, 12),
      nested: { "a,b": [pick(i, 13), 1.5, null, true, { deep: pick(i, 14) }] },
      "=formula key": "-1",
    },
    truncatedFields: i % 3 ? ["message", "stack"] : null,
    normalizedFields: i % 3 ? ["url"] : [],
  }));
}
