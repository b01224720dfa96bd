// Ingest health's flush and the refusal alert it records (issue 16 §1, §2), on PGlite and
// Postgres: a flush retried after an unacknowledged commit adds nothing; a failed flush keeps
// its counts and the retry adds them once; the deployment bucket (no project) is one row per
// minute and outcome; a deleted project's counts do not fail the flush; the trigger
// "refused or dropped over N in M minutes" records one message per state change.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueAlerts } from "@/lib/alerts/deliver/worker";
import { createChannel, createRule } from "@/lib/alerts/manage";
import { evaluateRefusalRules } from "@/lib/alerts/refusals";
import { newRuleSchema } from "@/lib/alerts/schemas";
import { type Db, openDatabase } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { alertDeliveries, projects } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { flushIngestOutcomes, writeFlush } from "@/lib/ingest/accounting/flush";
import { countOutcome } from "@/lib/ingest/accounting/tally";
import { backends } from "../../../support/db";
import { seedProject } from "../../../support/seed";
import { useTestDatabase } from "../../../support/use-database";
import { type Receiver, startReceiver, verifyStandardWebhook } from "../../alerts/receivers";

const minute = Date.parse("2026-12-07T10:00:00Z");

async function counts(db: Db, projectId: string | null) {
  const rows = await queryRows<{ outcome: string; requests: number; events: number; n: number }>(
    db,
    sql`select outcome, sum(requests)::float8 as requests, sum(events)::float8 as events,
               count(*)::int as n
        from ingest_outcomes
        where ${projectId === null ? sql`project_id is null` : sql`project_id = ${projectId}`}
        group by outcome order by outcome`,
  );
  return Object.fromEntries(rows.map((r) => [r.outcome, r]));
}

describe.each(backends())("ingest health flush on %s", (backend) => {
  const database = useTestDatabase(backend);
  let hook: Receiver;
  beforeAll(async () => {
    // The receiver is on loopback.
    process.env.LOGWELL_ALERTS_ALLOW_PRIVATE_TARGETS = "true";
    resetEnvCache();
    hook = await startReceiver(() => ({ status: 200, body: "ok" }));
  });
  afterAll(async () => {
    await hook.close();
    delete process.env.LOGWELL_ALERTS_ALLOW_PRIVATE_TARGETS;
    resetEnvCache();
  });

  it("a flush retried after its commit went unacknowledged adds nothing", async () => {
    const project = await seedProject(database.db, { name: "retry" });
    const unknownKey = {
      projectId: null,
      minute,
      outcome: "invalid_key" as const,
      requests: 1,
      events: 1,
      example: null,
    };
    const accepted = { ...unknownKey, projectId: project.id, outcome: "accepted" as const };
    const flush = {
      id: "flush_retried",
      counts: [{ ...accepted, requests: 2, events: 7 }, unknownKey],
    };
    await writeFlush(database.db, flush, minute);
    await writeFlush(database.db, flush, minute);
    expect(await counts(database.db, project.id)).toEqual({
      accepted: { outcome: "accepted", requests: 2, events: 7, n: 1 },
    });
    // Another flush of the deployment's bucket adds to its one row (no project matches no project).
    await writeFlush(database.db, { id: "flush_next", counts: [unknownKey] }, minute);
    expect(await counts(database.db, null)).toEqual({
      invalid_key: { outcome: "invalid_key", requests: 2, events: 2, n: 1 },
    });
  });

  it("a failed flush keeps its counts, and the next one adds them exactly once", async () => {
    const project = await seedProject(database.db, { name: "outage" });
    countOutcome(project.id, "rate_limited_ip", 1, undefined, minute);
    countOutcome(project.id, "rate_limited_ip", 1, undefined, minute);
    // A real driver whose server is down (nothing listens there): the flush fails, writing nothing.
    const down = await openDatabase({ url: "postgres://postgres@127.0.0.1:1/down", driver: "pg" });
    await expect(flushIngestOutcomes(down.db, minute)).rejects.toThrow();
    await down.close();
    countOutcome(project.id, "rate_limited_ip", 1, undefined, minute);
    countOutcome(project.id, "accepted", 4, undefined, minute + 60_000);
    expect(await flushIngestOutcomes(database.db, minute)).toBe(3);
    expect(await flushIngestOutcomes(database.db, minute)).toBe(0);
    expect(await counts(database.db, project.id)).toEqual({
      accepted: { outcome: "accepted", requests: 1, events: 4, n: 1 },
      rate_limited_ip: { outcome: "rate_limited_ip", requests: 3, events: 3, n: 1 },
    });
  });

  it("counts of a project deleted before the flush are dropped, the rest kept", async () => {
    const kept = await seedProject(database.db, { name: "kept" });
    const deleted = await seedProject(database.db, { name: "deleted" });
    countOutcome(kept.id, "accepted", 1, undefined, minute);
    countOutcome(deleted.id, "accepted", 1, undefined, minute);
    await database.db.delete(projects).where(eq(projects.id, deleted.id));
    await flushIngestOutcomes(database.db, minute);
    expect(await counts(database.db, kept.id)).toMatchObject({ accepted: { events: 1 } });
    expect(await counts(database.db, deleted.id)).toEqual({});
  });

  it("the refusal trigger records one message per state change: firing, recovered, firing", async () => {
    const project = await seedProject(database.db, { name: "alerted" });
    const { channel, secret } = await createChannel(database.db, project.id, {
      kind: "webhook",
      name: "hook",
      url: hook.url,
    });
    const rule = await createRule(
      database.db,
      project.id,
      newRuleSchema.parse({
        name: "refusals",
        trigger: "ingest_refused",
        channel_id: channel.id,
        threshold: 5,
        window_minutes: 10,
      }),
    );
    const messages = () =>
      database.db
        .select({ kind: alertDeliveries.kind, facts: alertDeliveries.facts })
        .from(alertDeliveries)
        .where(and(eq(alertDeliveries.ruleId, rule.id)))
        .orderBy(alertDeliveries.createdAt, alertDeliveries.id);
    const t0 = Date.parse("2026-12-07T12:00:30Z");

    // 5 refused: not over 5. Accepted events never count.
    countOutcome(project.id, "origin_not_allowed", 5, "https://evil.example", t0);
    countOutcome(project.id, "accepted", 1000, undefined, t0);
    await flushIngestOutcomes(database.db, t0);
    expect(await messages()).toEqual([]);

    // One more: over the threshold, recorded by the flush that wrote it.
    countOutcome(project.id, "rate_limited_project", 1, undefined, t0 + 60_000);
    await flushIngestOutcomes(database.db, t0 + 60_000);
    expect(await messages()).toEqual([
      {
        kind: "ingest_refused",
        facts: {
          kind: "ingest_refused",
          events: 6,
          threshold: 5,
          windowMinutes: 10,
          outcomes: [
            { outcome: "origin_not_allowed", events: 5 },
            { outcome: "rate_limited_project", events: 1 },
          ],
          example: "https://evil.example",
        },
      },
    ]);

    // Still over: more refusals, the timer's evaluation: nothing new.
    countOutcome(project.id, "invalid_events", 3, undefined, t0 + 120_000);
    await flushIngestOutcomes(database.db, t0 + 120_000);
    await evaluateRefusalRules(database.db, t0 + 180_000);
    expect(await messages()).toHaveLength(1);

    // The window slides past the first refusals (4 left in it): recovered, once.
    await evaluateRefusalRules(database.db, t0 + 10 * 60_000);
    await evaluateRefusalRules(database.db, t0 + 10 * 60_000 + 15_000);
    expect((await messages()).map((m) => m.kind)).toEqual(["ingest_refused", "ingest_recovered"]);

    // Over again: a new change, a new message.
    countOutcome(project.id, "client_discard", 50, undefined, t0 + 11 * 60_000);
    await flushIngestOutcomes(database.db, t0 + 11 * 60_000);
    await evaluateRefusalRules(database.db, t0 + 11 * 60_000);
    expect((await messages()).map((m) => m.kind)).toEqual([
      "ingest_refused",
      "ingest_recovered",
      "ingest_refused",
    ]);

    // Delivered to a real receiver, signed, in order of the changes.
    await deliverDueAlerts(database.db, {});
    const received = hook.received.filter((r) => r.json.type !== "test").slice(-3);
    expect(received.map((r) => r.json.type)).toEqual([
      "ingest.refused",
      "ingest.recovered",
      "ingest.refused",
    ]);
    expect(received.every((r) => verifyStandardWebhook(secret as string, r))).toBe(true);
  });
});
