// Plain `next start` (no `npm start` server, no trusted proxy header) cannot know client
// addresses. Before, every caller shared one "unknown" bucket: ~30 failed sign-ins from anyone
// locked the owner out, and anyone holding a project's public key could get all its clients
// refused. Per-address limits now skip unknown callers; per-account and per-project limits stay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginLimits, policies } from "@/lib/ratelimit/policies";
import { awayFromWindowEdge } from "../../support/rate-window";
import { type SeededServer, startSeededServer } from "../../support/seed";
import { signInAttempt } from "../auth/fixtures";

const owner = { email: "owner@unknown-ip.test", password: "owner-password-unknown-1" };

describe("plain next start, client IP unknown", () => {
  let api: SeededServer;
  beforeAll(async () => {
    api = await startSeededServer("pglite", {
      plainNextStart: true,
      projects: [{ name: "web", rateLimitPerIpPerMinute: 3, rateLimitEventsPerMinute: 8 }],
      env: { LOGWELL_ADMIN_EMAIL: owner.email, LOGWELL_ADMIN_PASSWORD: owner.password },
    });
  });
  afterAll(async () => {
    await api?.cleanup();
  });

  it("failed sign-ins from strangers do not lock the owner out; each account keeps its own limit", {
    timeout: 240_000,
  }, async () => {
    for (let i = 0; i < loginLimits.perIp + 5; i++) {
      const attempt = await signInAttempt(api.server.url, {
        email: `stranger-${i}@unknown-ip.test`,
        password: "wrong-password",
      });
      expect(attempt.location, `attempt ${i}`).not.toContain("code=rate_limited");
    }
    // The owner's own attempts must fall in one window for the exact count at the end.
    await awayFromWindowEdge(policies.loginEmail.windowMs, 60_000);
    expect((await signInAttempt(api.server.url, owner)).cookie).not.toBeNull();
    // The per-account limit still holds.
    const outcomes: string[] = [];
    for (let i = 0; i < loginLimits.perEmail + 1; i++) {
      const attempt = await signInAttempt(api.server.url, { ...owner, password: `wrong-${i}` });
      outcomes.push(attempt.location.includes("code=rate_limited") ? "limited" : "refused");
    }
    expect(outcomes.at(-1)).toBe("limited");
  });

  it("one holder of the public key cannot use up a per-address limit for every client; the project's event limit still holds", async () => {
    const [project] = api.projects;
    const send = () =>
      fetch(`${api.server.url}/api/v1/logs`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-logwell-key": project?.key ?? "" },
        body: JSON.stringify({ level: "info", message: "hello" }),
      }).then((r) => r.status);
    await awayFromWindowEdge(policies.projectEvents.windowMs, 15_000);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await send());
    // 3 requests a minute "per address" would have refused from the 4th; 8 events a minute per
    // project refuses from the 9th.
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(202));
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it("health says the client IP is unknown", async () => {
    const body = await (await fetch(`${api.server.url}/api/health`)).json();
    expect(body.client_ip.source).toBe("unknown");
    expect(body.client_ip.unknown_requests).toBeGreaterThan(0);
  });
});
