import { describe, expect, it } from "vitest";
import type { ApiError } from "@/lib/http/errors";
import { streamLimits, takeStreamSlot } from "@/lib/logs/stream-slots";

function refusal(caller: string): ApiError {
  try {
    takeStreamSlot(caller);
  } catch (err) {
    return err as ApiError;
  }
  throw new Error("the slot was given");
}

describe("live-tail stream slots", () => {
  it("gives a caller at most perCaller open streams, and a released slot back once", () => {
    const releases = Array.from({ length: streamLimits.perCaller }, () => takeStreamSlot("user:a"));
    const refused = refusal("user:a");
    expect(refused.status).toBe(429);
    expect(refused.details.headers?.["retry-after"]).toBe("5");
    // Another caller is not held back by this one.
    const other = takeStreamSlot("user:b");
    releases[0]?.();
    releases[0]?.(); // a second call gives nothing back twice
    const again = takeStreamSlot("user:a");
    expect(refusal("user:a").status).toBe(429);
    for (const release of [...releases, other, again]) release();
  });

  it("bounds the streams of all callers together by perProcess", () => {
    const releases = Array.from({ length: streamLimits.perProcess }, (_, i) =>
      takeStreamSlot(`token:${i}`),
    );
    expect(refusal("token:new").message).toMatch(/Too many live tails/);
    releases.pop()?.();
    const last = takeStreamSlot("token:new");
    for (const release of [...releases, last]) release();
  });
});
