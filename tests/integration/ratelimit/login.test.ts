import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { resetProcessLimiter } from "@/lib/ratelimit/backend";
import { enforceLoginLimit } from "@/lib/ratelimit/login";
import { loginLimits } from "@/lib/ratelimit/policies";
import { envFor, limiterBackends, setLimiterEnv, uniqueId } from "./support";

// TC-34 (login part): attempts per email and per IP are limited; the outage case (fail
// closed) is in outage.test.ts.

async function attempt(ip: string, email: string): Promise<"ok" | ApiError> {
  try {
    await enforceLoginLimit(ip, email);
    return "ok";
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
}

describe.each(limiterBackends())("sign-in limiter on %s", (backend) => {
  beforeEach(async () => {
    setLimiterEnv(envFor(backend));
    await resetProcessLimiter();
  });

  test(`${loginLimits.perEmail} attempts per email, whatever its case or spacing, then 429`, async () => {
    const email = `${uniqueId("user")}@example.com`;
    const results = [];
    for (let i = 0; i < loginLimits.perEmail; i++) {
      // A different address each time: only the email limit can stop these.
      results.push(
        await attempt(`198.51.100.${i + 1}`, i % 2 ? email.toUpperCase() : ` ${email} `),
      );
    }
    expect(results.every((r) => r === "ok")).toBe(true);
    const refused = await attempt("198.51.100.200", email);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: "rate_limited", status: 429 });
    expect(Number((refused as ApiError).details.headers?.["retry-after"])).toBeGreaterThanOrEqual(
      1,
    );
    // Another account is unaffected.
    expect(await attempt("198.51.100.201", `${uniqueId("other")}@example.com`)).toBe("ok");
  });

  test(`${loginLimits.perIp} attempts per IP across emails (password spraying), then 429`, async () => {
    const ip = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}::1`;
    for (let i = 0; i < loginLimits.perIp; i++) {
      expect(await attempt(ip, `${uniqueId("spray")}@example.com`)).toBe("ok");
    }
    const fresh = `${uniqueId("victim")}@example.com`;
    expect(await attempt(ip, fresh)).toMatchObject({ code: "rate_limited" });
    // Same /64, other interface id: same bucket.
    expect(await attempt(ip.replace(/::1$/, "::2"), fresh)).toMatchObject({ code: "rate_limited" });
    // Refused by the IP limit, the victim's own budget was not spent.
    for (let i = 0; i < loginLimits.perEmail; i++) {
      expect(await attempt(`203.0.113.${i + 1}`, fresh)).toBe("ok");
    }
  });
});

afterAll(async () => {
  await resetProcessLimiter();
  setLimiterEnv({});
});
