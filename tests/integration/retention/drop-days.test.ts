import { sql } from "drizzle-orm";
import { Client } from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { addDays, partitionName, utcDay } from "@/lib/db/partitions/day";
import { ensureDayPartitions } from "@/lib/db/partitions/ensure";
import { listDayPartitions } from "@/lib/db/partitions/list";
import { queryRows } from "@/lib/db/query";
import { prune } from "@/lib/retention";
import { backends } from "../../support/db";
import { type SeededProject, seedProject, unlimitedRates } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "../ingest/post-helper";
import { expectIssuesTrue, issuesOf } from "../issues/issue-truth";

// Issue 15 §3: retention drops whole days. A day partition older than the longest retention of
// any project is detached and dropped, and the issues its error events counted for lose them;
// a project with a shorter retention still deletes its expired rows in batches; events ingested
// while a day is dropped are all kept, once.

const hour = 60 * 60 * 1000;
const day = 24 * hour;

describe.each(backends())("retention by dropping day partitions on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let seq = 0;
  // Noon of the real day: ingest during the drop writes today's partition, and where the 7-day
  // cutoff falls within its day does not depend on when the test runs.
  const today = utcDay(new Date());
  const now = new Date(today.getTime() + 12 * hour);

  const send = async (
    project: SeededProject,
    at: Date,
    events: { issue?: string; user?: string }[],
  ) => {
    const body = events.map((e) => ({
      id: `d-${seq++}`,
      level: e.issue ? "error" : "info",
      message: e.issue ?? `plain ${seq}`,
      user_id: e.user,
    }));
    const res = await postLogs(db, JSON.stringify(body), { key: project.key, now: at });
    expect(res.status).toBe(202);
    return body.map((e) => e.id);
  };
  const count = async (projectId: string) => {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from logs where project_id = ${projectId}`,
    );
    return row?.n ?? 0;
  };
  const tables = async () => (await listDayPartitions(db)).map((p) => p.name);

  let long: SeededProject;
  let short: SeededProject;
  beforeAll(async () => {
    db = database.db;
    long = await seedProject(db, { ...unlimitedRates, retentionDays: 7 });
    short = await seedProject(db, { ...unlimitedRates, retentionDays: 2 });
    // The past days the events below are received on (a deployment would have made them then).
    await ensureDayPartitions(db, addDays(today, -12), 12);
  });

  it("drops days older than the longest retention whole, keeping issues true", async () => {
    const old = addDays(today, -10);
    const boundary = addDays(today, -7);
    await send(long, new Date(old.getTime() + 2 * hour), [
      { issue: "gone", user: "u1" },
      { issue: "kept", user: "u1" },
      {},
    ]);
    await send(long, new Date(old.getTime() + 5 * hour), [{ issue: "kept", user: "u2" }]);
    await send(short, new Date(old.getTime() + 3 * hour), [{}, { issue: "short-old" }]);
    // The day the 7-day cutoff falls in: partly expired, so it stays and loses rows one by one.
    await send(long, new Date(now.getTime() - 7 * day - hour), [{ issue: "kept", user: "u3" }]);
    await send(long, new Date(now.getTime() - 2 * day), [{ issue: "kept", user: "u4" }]);
    // Shorter retention: 3 days old is expired for it, but that day is kept for the other.
    await send(short, new Date(now.getTime() - 3 * day), [{ issue: "short-mid" }, {}]);
    await send(short, new Date(now.getTime() - hour), [{ issue: "short-new" }]);
    await expectIssuesTrue(db, long.id);
    await expectIssuesTrue(db, short.id);

    const result = await prune({ db, now, budgetMs: 60_000, batchSize: 2 });
    expect(result.done).toBe(true);
    expect(result.days?.dropped).toEqual([
      partitionName(addDays(today, -12)),
      partitionName(addDays(today, -11)),
      partitionName(old),
      partitionName(addDays(today, -9)),
      partitionName(addDays(today, -8)),
    ]);
    expect(result.days?.events).toBe(6);
    expect(result.deleted).toBe(6 + 1 + 2);
    const left = await tables();
    expect(left).not.toContain(partitionName(old));
    expect(left).toContain(partitionName(boundary));

    expect(await count(long.id)).toBe(1);
    expect(await count(short.id)).toBe(1);
    const issues = await issuesOf(db, long.id);
    expect(issues.map((i) => [i.title, i.event_count, i.user_count])).toEqual([["kept", 1, 1]]);
    await expectIssuesTrue(db, long.id);
    await expectIssuesTrue(db, short.id);
    expect((await issuesOf(db, short.id)).map((i) => i.title)).toEqual(["short-new"]);
  });

  it("a day left detached by a run that stopped is dropped by the next, its issues counted", async () => {
    const gone = addDays(today, -20);
    await ensureDayPartitions(db, gone, 1);
    await send(long, new Date(gone.getTime() + hour), [{ issue: "stranded", user: "u" }]);
    await db.execute(sql.raw(`alter table logs detach partition "${partitionName(gone)}"`));
    expect((await listDayPartitions(db)).find((p) => p.name === partitionName(gone))).toMatchObject(
      {
        attached: false,
      },
    );
    const result = await prune({ db, now, budgetMs: 60_000, batchSize: 100 });
    expect(result.days?.dropped).toEqual([partitionName(gone)]);
    expect(await tables()).not.toContain(partitionName(gone));
    expect((await issuesOf(db, long.id)).map((i) => i.title)).toEqual(["kept"]);
    await expectIssuesTrue(db, long.id);
  });

  it("reports a day's events from its statistics, and keeps issues exact when they are stale", async () => {
    const gone = addDays(today, -21);
    await ensureDayPartitions(db, gone, 1);
    await send(long, new Date(gone.getTime() + hour), [{ issue: "stale", user: "a" }]);
    await db.execute(sql.raw(`analyze "${partitionName(gone)}"`));
    // Stored after the statistics were taken: the estimate misses them, the issue must not.
    await send(long, new Date(gone.getTime() + 2 * hour), [{ issue: "stale", user: "b" }, {}]);
    const result = await prune({ db, now, budgetMs: 60_000, batchSize: 100 });
    expect(result.days?.dropped).toEqual([partitionName(gone)]);
    expect(result.days?.events).toBe(1);
    expect((await issuesOf(db, long.id)).map((i) => i.title)).toEqual(["kept"]);
    await expectIssuesTrue(db, long.id);
  });

  it("loses no event acknowledged while a day is dropped, and stores none twice", async () => {
    const old = addDays(today, -9);
    await ensureDayPartitions(db, old, 1);
    for (let i = 0; i < 5; i++) await send(long, new Date(old.getTime() + i * hour), [{}, {}]);
    const before = await count(long.id);
    const acknowledged: string[] = [];
    const ingest = (async () => {
      for (let i = 0; i < 30; i++) {
        acknowledged.push(
          ...(await send(long, new Date(), [{ issue: "live", user: `u${i}` }, {}, {}])),
        );
      }
    })();
    const [, result] = await Promise.all([
      ingest,
      prune({ db, now, budgetMs: 60_000, batchSize: 100 }),
    ]);
    expect(result.days?.dropped).toEqual([partitionName(old)]);
    const rows = await queryRows<{ client_id: string; n: number }>(
      db,
      sql`select client_id, count(*)::int as n from logs
          where project_id = ${long.id} and client_id = any(${`{${acknowledged.join(",")}}`}::text[])
          group by client_id`,
    );
    expect(rows).toHaveLength(acknowledged.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(await count(long.id)).toBe(before - 10 + acknowledged.length);
    await expectIssuesTrue(db, long.id);
  });

  if (backend === "postgres") {
    it("a detach that finds logs busy gives up within its lock timeout and the next run drops the day", async () => {
      const old = addDays(today, -15);
      await ensureDayPartitions(db, old, 1);
      await send(long, new Date(old.getTime() + hour), [{}]);
      // A long reader of an unbounded range holds a lock on every partition of logs.
      const reader = new Client({ connectionString: database.url });
      await reader.connect();
      try {
        await reader.query("begin");
        await reader.query("select count(*) from logs");
        const blocked = await prune({ db, now, budgetMs: 60_000, batchSize: 100 });
        expect(blocked.days?.deferred).toEqual([partitionName(old)]);
        expect(blocked.done).toBe(false);
        expect(await tables()).toContain(partitionName(old));
        await reader.query("commit");
        const free = await prune({ db, now, budgetMs: 60_000, batchSize: 100 });
        expect(free.days?.dropped).toEqual([partitionName(old)]);
      } finally {
        await reader.end();
      }
    });
  }
});
