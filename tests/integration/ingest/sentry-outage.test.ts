import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import { withRequestContext } from "@/lib/http/request-context";
import { ingest } from "@/lib/ingest/ingest";
import { sentryEnvelopeProtocol } from "@/lib/ingest/protocols/sentry";
import { seedProject } from "../../support/seed";

// A Sentry SDK drops an event on any 5xx but keeps nothing for a retry either: when the
// database is down the answer must still be the one outage answer, 503 with Retry-After, in
// the JSON envelope, and nothing of the envelope stored (FAULT-1, embedded PGlite closed).

describe("Sentry envelope with the database unavailable", () => {
  it("503 with Retry-After and nothing stored", async () => {
    const database = await openDatabase({ dataDir: "memory://" });
    const project = await seedProject(database.db, { rateLimitPerIpPerMinute: 100_000 });
    const send = (message: string) => {
      const body = `{}\n{"type":"event"}\n${JSON.stringify({ message })}\n{"type":"session"}\n{"init":true,"status":"ok"}`;
      const request = new Request(
        `http://localhost/api/${project.number}/envelope/?sentry_key=${project.key}`,
        { method: "POST", body },
      );
      return withRequestContext(request, (ctx) =>
        ingest(ctx, sentryEnvelopeProtocol, { db: database.db }),
      );
    };
    // The key is cached by the first request; then the database goes away before the second.
    expect((await send("warm")).status).toBe(200);
    await database.close();
    const res = await send("lost?");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toBe("unavailable");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
