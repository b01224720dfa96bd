import { describe, expect, it } from "vitest";
import { requestIdFrom } from "@/lib/http/request-id";

// X-Request-ID: the caller's UUID echoed, else a new UUIDv7 (lib/http/request-id.ts draws its
// randomness from a pool refilled every 256 ids).
const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("requestIdFrom", () => {
  it("makes distinct, time-ordered UUIDv7s across many pool refills", () => {
    const ids = Array.from({ length: 2_000 }, () => requestIdFrom(new Headers()));
    for (const id of ids) expect(id).toMatch(uuidV7);
    expect(new Set(ids).size).toBe(ids.length);
    // The first 48 bits are the milliseconds: never decreasing from one id to the next.
    const millis = ids.map((id) => Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16));
    expect(millis.every((ms, i) => i === 0 || ms >= (millis[i - 1] as number))).toBe(true);
    // And the random part differs between consecutive ids, pool boundary or not.
    const randomParts = ids.map((id) => id.slice(24));
    expect(new Set(randomParts).size).toBe(ids.length);
  });

  it("echoes the caller's UUID (lower-cased) and never anything else", () => {
    const given = "0190A0E0-0000-7000-8000-00000000ABCD";
    expect(requestIdFrom(new Headers({ "x-request-id": given }))).toBe(given.toLowerCase());
    const made = requestIdFrom(new Headers({ "x-request-id": "not-a-uuid <script>" }));
    expect(made).toMatch(uuidV7);
  });
});
