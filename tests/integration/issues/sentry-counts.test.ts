import { beforeAll, describe, expect, it } from "vitest";
import { withRequestContext } from "@/lib/http/request-context";
import { ingest } from "@/lib/ingest/ingest";
import { sentryEnvelopeProtocol } from "@/lib/ingest/protocols/sentry";
import { backends } from "../../support/db";
import { type SeededProject, seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { expectIssuesTrue, issuesOf } from "./issue-truth";

// A Sentry envelope holding an error event and a session takes the INSERT path inside the
// counters' transaction (store/sdk-health.ts): its issue is counted there too, once, also when
// the SDK sends the envelope again.

describe.each(backends())("issue counts of Sentry envelopes on %s", (backend) => {
  const database = useTestDatabase(backend);
  let project: SeededProject;
  let projectNumber: number;
  beforeAll(async () => {
    project = await seedProject(database.db, { rateLimitPerIpPerMinute: 100_000 });
    projectNumber = project.number;
  });

  const envelope = (eventId: string) =>
    [
      "{}",
      JSON.stringify({ type: "event" }),
      JSON.stringify({
        event_id: eventId,
        level: "error",
        release: "app@1.0.0",
        user: { id: "u-1" },
        exception: {
          values: [
            {
              type: "RangeError",
              value: "bad size 12",
              stacktrace: {
                frames: [{ filename: "app:///src/cart.js", function: "resize", in_app: true }],
              },
            },
          ],
        },
      }),
      JSON.stringify({ type: "session" }),
      JSON.stringify({
        sid: eventId,
        init: true,
        status: "ok",
        started: "2026-03-01T10:00:00Z",
        attrs: { release: "app@1.0.0" },
      }),
    ].join("\n");

  const send = async (body: string) => {
    const request = new Request(
      `http://localhost/api/${projectNumber}/envelope/?sentry_key=${project.key}`,
      { method: "POST", body },
    );
    const res = await withRequestContext(request, (ctx) =>
      ingest(ctx, sentryEnvelopeProtocol, { db: database.db }),
    );
    expect(res.status).toBe(200);
  };

  it("counts the event with its session, and a resent envelope not again", async () => {
    await send(envelope("0123456789abcdef0123456789abcdef"));
    await send(envelope("0123456789abcdef0123456789abcdef"));
    await send(envelope("fedcba9876543210fedcba9876543210"));
    const [issue] = await issuesOf(database.db, project.id);
    expect(issue?.title).toBe("RangeError: bad size 12");
    expect(issue?.event_count).toBe(2);
    expect(issue?.user_count).toBe(1);
    await expectIssuesTrue(database.db, project.id);
  });
});
