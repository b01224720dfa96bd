import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/ingest/normalize/normalize";
import { isSensitiveName, redacted, scrubText, scrubUrl } from "@/lib/ingest/normalize/scrub";

const receivedAt = new Date("2026-01-01T00:00:00Z");

// TC-31 (unit part): secrets planted in URLs and attributes are not stored in clear.
describe("TC-31 scrubbing", () => {
  it.each([
    "password",
    "user_password",
    "passwd",
    "pwd",
    "secret",
    "clientSecret",
    "token",
    "access_token",
    "refreshToken",
    "id_token",
    "api_key",
    "apiKey",
    "x-api-key",
    "key",
    "auth",
    "Authorization",
    "cookie",
    "Set-Cookie",
    "session",
    "sessionId",
    "session_id",
    "credentials",
    "private_key",
    "jwt",
    "sig",
  ])("%s names a secret", (name) => {
    expect(isSensitiveName(name)).toBe(true);
  });

  it.each(["author", "monkey", "keyboard", "page", "user_id", "message", "q", "passenger_count"])(
    "%s does not",
    (name) => {
      expect(isSensitiveName(name)).toBe(false);
    },
  );

  it.each([
    ["https://a.example/p?q=1&token=abc&x=2", `https://a.example/p?q=1&token=${redacted}&x=2`],
    [
      "https://a.example/cb#access_token=abc&state=1",
      `https://a.example/cb#access_token=${redacted}&state=1`,
    ],
    ["/login?password=hunter2", `/login?password=${redacted}`],
    ["/x?api%5Fkey=zz", `/x?api%5Fkey=${redacted}`],
    ["/x?key=lw_pub_abc;session=s", `/x?key=${redacted};session=${redacted}`],
    ["/plain/path", "/plain/path"],
    ["/x?q=token", "/x?q=token"],
  ])("scrubs %s", (input, expected) => {
    expect(scrubUrl(input)).toBe(expected);
    expect(scrubUrl(expected)).toBe(expected);
  });

  it.each([
    [
      "fetch failed: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig",
      `fetch failed: Authorization: Bearer ${redacted}`,
    ],
    ["authorization: Basic dXNlcjpwYXNzd29yZA==", `authorization: Basic ${redacted}`],
    ['{"Authorization":"Token abcdef123456"}', `{"Authorization":"Token ${redacted}"}`],
    [
      "token validation failed: basic understanding",
      "token validation failed: basic understanding",
    ],
    ["paid with 4111 1111 1111 1111 today", `paid with ${redacted} today`],
    ["card 4111-1111-1111-1111", `card ${redacted}`],
    ["order 4111111111111112 (not Luhn)", "order 4111111111111112 (not Luhn)"],
    ["GET /api?session=abc123 failed", `GET /api?session=${redacted} failed`],
    [`token lw_sec_${"A".repeat(24)} leaked`, `token ${redacted} leaked`],
    ["id 12345 at line 4", "id 12345 at line 4"],
    ["amex 3782 822463 10005", `amex ${redacted}`],
    ["at 1700000000004 ms (Luhn-valid)", "at 1700000000004 ms (Luhn-valid)"],
    ["req 00000000-0000-0000-0000-000000000000", "req 00000000-0000-0000-0000-000000000000"],
  ])("free text: %s", (input, expected) => {
    expect(scrubText(input)).toBe(expected);
    expect(scrubText(expected)).toBe(expected);
  });

  // scrubText only runs the card pattern when a cheap pre-test matches: it must never miss one.
  it("redacts every Luhn-valid card shape, whatever surrounds it (property)", () => {
    const withLuhnDigit = (body: number[]) => {
      let sum = 0;
      for (let i = 0; i < body.length; i++) {
        let d = body[body.length - 1 - i] as number;
        if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
      }
      return [...body, (10 - (sum % 10)) % 10].join("");
    };
    const card = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 2, max: 6 }),
          fc.array(fc.nat(9), { minLength: 11, maxLength: 17 }),
        )
        .map(([issuer, rest]) => withLuhnDigit([issuer, ...rest])),
      fc
        .tuple(
          fc.integer({ min: 2, max: 6 }),
          fc.array(fc.nat(9), { minLength: 14, maxLength: 14 }),
          fc.constantFrom(" ", "-"),
        )
        .map(([issuer, rest, sep]) =>
          withLuhnDigit([issuer, ...rest]).replace(/(\d{4})(?=\d)/g, `$1${sep}`),
        ),
    );
    const text = fc.string({ unit: fc.constantFrom("a", " ", ":", "(", "=", "x", "\n") });
    fc.assert(
      fc.property(text, card, text, (before, number, after) => {
        expect(scrubText(`${before} ${number} ${after}`)).not.toContain(number);
      }),
    );
  });

  // scrubText keeps its last few answers (an OTLP event's url and stack are also attributes):
  // a text's answer must not depend on what was scrubbed before it, nor on string identity.
  it("answers every text the same, whatever came before it (property)", () => {
    const long = `${"x".repeat(5000)}?token=abcd`;
    const pool: Array<[string, string]> = [
      ["https://a.example/?token=abc123&page=2", `https://a.example/?token=${redacted}&page=2`],
      ["https://a.example/?page=2", "https://a.example/?page=2"],
      ["Authorization: Bearer abcdefgh12345", `Authorization: Bearer ${redacted}`],
      ["card 4111 1111 1111 1111 paid", `card ${redacted} paid`],
      ["plain text", "plain text"],
      [long, `${"x".repeat(5000)}?token=${redacted}`],
    ];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(pool.length - 1), fc.boolean())), (picks) => {
        for (const [pick, copied] of picks) {
          const [text, expected] = pool[pick] as [string, string];
          // The same string, or another string of the same content.
          const input = copied ? [...text].join("") : text;
          expect(scrubText(input)).toBe(expected);
        }
      }),
    );
  });

  it("scrubs message, stack and attribute strings too", () => {
    const result = normalizeEvent(
      {
        message: "login failed for ?password=hunter2",
        stack: "at send (Authorization: Bearer abcdefghijk)",
        attributes: { note: "card 4111 1111 1111 1111", list: ["Bearer abcdefghijk"] },
      },
      receivedAt,
    );
    if (!result.ok) throw new Error(result.message);
    const stored = JSON.stringify(result.event);
    for (const secret of ["hunter2", "abcdefghijk", "4111 1111"])
      expect(stored).not.toContain(secret);
    expect(result.event.normalizedFields).toEqual(["scrubbed"]);
    expect(result.event.truncatedFields).toEqual([]);
  });

  it("redacts attribute values at any depth and records it", () => {
    const result = normalizeEvent(
      {
        message: "m",
        url: "https://a.example/?token=t0p",
        attributes: {
          headers: { Authorization: "Bearer abc", accept: "x" },
          list: [{ password: "p" }],
        },
        cookie: "sid=1",
      },
      receivedAt,
    );
    if (!result.ok) throw new Error(result.message);
    const stored = JSON.stringify(result.event);
    for (const secret of ["t0p", "Bearer abc", '"p"', "sid=1"])
      expect(stored).not.toContain(secret);
    expect(result.event.normalizedFields).toContain("scrubbed");
    expect(JSON.parse(JSON.stringify(result.event.attributes))).toEqual({
      headers: { Authorization: redacted, accept: "x" },
      list: [{ password: redacted }],
      cookie: redacted,
    });
  });
});
