import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { clientDrops, logs, releaseSessions } from "@/lib/db/schema";
import { withRequestContext } from "@/lib/http/request-context";
import { ingest } from "@/lib/ingest/ingest";
import { sentryEnvelopeProtocol } from "@/lib/ingest/protocols/sentry";
import { backends } from "../../support/db";
import { type SeededProject, seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";

// An envelope carrying events and release-health/client-report counters is stored whole or
// not at all: when Postgres refuses the events' statement, the answer is a 503 and the counters
// are not committed either (store/sdk-health.ts insertEventsWithSdkHealth). Postgres refuses by
// a real trigger on logs, as the database itself would: query_canceled is an outage (503),
// invalid_parameter_value a refusal of one event as data.

const started = "2026-03-01T10:00:00Z";
const attrs = { release: "app@1.0.0", environment: "production" };

function envelope(...messages: string[]): string {
  const items: Array<[string, object]> = [
    ...messages.map((message): [string, object] => ["event", { message }]),
    ["session", { sid: "a", init: true, status: "ok", started, attrs }],
    [
      "client_report",
      {
        timestamp: 1772366400,
        discarded_events: [{ reason: "queue_overflow", category: "error", quantity: 3 }],
      },
    ],
  ];
  return [
    "{}",
    ...items.flatMap(([type, payload]) => [JSON.stringify({ type }), JSON.stringify(payload)]),
  ].join("\n");
}

describe.each(backends())("Sentry envelope stored all or nothing on %s", (backend) => {
  const database = useTestDatabase(backend);
  let project: SeededProject;
  let projectNumber: number;
  beforeAll(async () => {
    project = await seedProject(database.db, { rateLimitPerIpPerMinute: 100_000 });
    projectNumber = project.number;
    await database.db.execute(sql`
      CREATE FUNCTION refuse_test_logs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.message = 'outage' THEN RAISE EXCEPTION 'test outage' USING ERRCODE = '57014'; END IF;
        IF NEW.message = 'refused' THEN RAISE EXCEPTION 'test refusal' USING ERRCODE = '22023'; END IF;
        RETURN NEW;
      END $$`);
    await database.db.execute(sql`
      CREATE TRIGGER refuse_test_logs BEFORE INSERT ON logs
      FOR EACH ROW EXECUTE FUNCTION refuse_test_logs()`);
  });

  const send = (body: string) => {
    const request = new Request(
      `http://localhost/api/${projectNumber}/envelope/?sentry_key=${project.key}`,
      { method: "POST", body },
    );
    return withRequestContext(request, (ctx) =>
      ingest(ctx, sentryEnvelopeProtocol, { db: database.db }),
    );
  };

  /** What the project holds: its events' messages, sessions started and events dropped. */
  const stored = async () => {
    const { db } = database;
    const rows = await db
      .select({ message: logs.message })
      .from(logs)
      .where(eq(logs.projectId, project.id));
    const [session] = await db
      .select({ started: releaseSessions.started })
      .from(releaseSessions)
      .where(eq(releaseSessions.projectId, project.id));
    const [drop] = await db
      .select({ quantity: clientDrops.quantity })
      .from(clientDrops)
      .where(eq(clientDrops.projectId, project.id));
    return {
      messages: rows.map((r) => r.message).sort(),
      started: session?.started ?? 0,
      dropped: drop?.quantity ?? 0,
    };
  };

  it("a failed event store leaves no counters: 503 and nothing stored", async () => {
    const res = await send(envelope("fine", "outage"));
    expect(res.status).toBe(503);
    expect(await stored()).toEqual({ messages: [], started: 0, dropped: 0 });
  });

  it("an event refused as data is rejected alone; the rest and the counters commit", async () => {
    const res = await send(envelope("kept", "refused"));
    expect(res.status).toBe(200);
    expect(await stored()).toEqual({ messages: ["kept"], started: 1, dropped: 3 });
  });

  it("a stored envelope commits its events and its counters", async () => {
    const res = await send(envelope("second", "third"));
    expect(res.status).toBe(200);
    expect(await stored()).toEqual({
      messages: ["kept", "second", "third"],
      started: 2,
      dropped: 6,
    });
  });
});
