import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { addDays, partitionName, utcDay } from "@/lib/db/partitions/day";
import { ensureDayPartitions, partitionDaysAhead } from "@/lib/db/partitions/ensure";
import { defaultPartitionRows, listDayPartitions } from "@/lib/db/partitions/list";
import { queryRows } from "@/lib/db/query";
import { parseLogQuery } from "@/lib/logs/filters";
import { pageSql } from "@/lib/logs/page-query";
import { storageMetrics } from "@/lib/retention/health";
import { backends } from "../../support/db";
import { explainWithIndexPreferred } from "../../support/explain";
import { type SeededProject, seedProject, unlimitedRates } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "../ingest/post-helper";

// Issue 15 §1: `logs` is partitioned by UTC day of received_at (lib/db/partitions). Days are
// made ahead, idempotently even when instances start together; rows the default partition
// caught move into their day when it is made; client ids are de-duplicated within a day; keyset
// pages read only the days their bounds allow.

const day = 24 * 60 * 60 * 1000;

describe.each(backends())("day partitions of logs on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let project: SeededProject;
  let seq = 0;

  const send = async (at: Date, ids: string[]) => {
    const body = ids.map((id) => ({ id, level: "info", message: `event ${seq++}` }));
    const res = await postLogs(db, JSON.stringify(body), { key: project.key, now: at });
    expect(res.status).toBe(202);
    return res.body as { accepted: number };
  };
  const stored = async (clientId: string) =>
    queryRows<{ partition: string; received_at: string }>(
      db,
      sql`select tableoid::regclass::text as partition, received_at::text from logs
          where project_id = ${project.id} and client_id = ${clientId}`,
    );

  beforeAll(async () => {
    db = database.db;
    project = await seedProject(db, unlimitedRates);
  });

  it("a new database has today's and the next days' partitions, and an empty default", async () => {
    const today = utcDay(new Date());
    const names = (await listDayPartitions(db)).filter((p) => p.attached).map((p) => p.name);
    for (let i = 0; i < partitionDaysAhead; i++) {
      expect(names).toContain(partitionName(addDays(today, i)));
    }
    expect(partitionDaysAhead).toBeGreaterThanOrEqual(7);
    expect(await defaultPartitionRows(db)).toBe(0);
    const [kind] = await queryRows<{ relkind: string }>(
      db,
      sql`select relkind::text from pg_class where oid = 'logs'::regclass`,
    );
    expect(kind?.relkind).toBe("p");
  });

  it("instances starting together make each day once, and all of them succeed", async () => {
    const first = addDays(utcDay(new Date()), 40);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => ensureDayPartitions(db, first, 5)),
    );
    const created = runs.flatMap((r) => r.created).sort();
    expect(created).toEqual(
      Array.from({ length: 5 }, (_, i) => partitionName(addDays(first, i))).sort(),
    );
    expect(runs.flatMap((r) => r.deferred)).toEqual([]);
    const again = await ensureDayPartitions(db, first, 5);
    expect(again).toEqual({ created: [], deferred: [] });
  });

  it("rows the default partition caught move into their day when it is made, and health shows them meanwhile", async () => {
    const farDay = addDays(utcDay(new Date()), 60);
    await send(new Date(farDay.getTime() + 3_600_000), ["stray-1", "stray-2"]);
    expect((await stored("stray-1"))[0]?.partition).toBe("logs_default");
    expect((await storageMetrics(db)).partitions.default_rows).toBe(2);

    expect((await ensureDayPartitions(db, farDay, 1)).created).toEqual([partitionName(farDay)]);
    expect((await stored("stray-1"))[0]?.partition).toBe(partitionName(farDay));
    expect((await stored("stray-2"))[0]?.partition).toBe(partitionName(farDay));
    expect(await defaultPartitionRows(db)).toBe(0);
  });

  it("a retried client id is stored once within its UTC day, and again across midnight (the documented gap)", async () => {
    const midnight = addDays(utcDay(new Date()), 1);
    const before = new Date(midnight.getTime() - 1000);
    const after = new Date(midnight.getTime() + 1000);
    // Both ingest paths: a batch of one new and one retried id (COPY refused → INSERT on
    // node-postgres), then a batch only of retries.
    await send(before, ["retry-a"]);
    await send(new Date(before.getTime() + 500), ["retry-a", "retry-b"]);
    await send(new Date(before.getTime() + 600), ["retry-a", "retry-b"]);
    expect(await stored("retry-a")).toHaveLength(1);
    expect(await stored("retry-b")).toHaveLength(1);
    // The retry that crosses 00:00 UTC lands in the next day's partition, whose unique index
    // has never seen it: docs/architecture.md → "Client ids across midnight".
    await send(after, ["retry-a"]);
    const copies = await stored("retry-a");
    expect(copies.map((c) => c.partition).sort()).toEqual(
      [partitionName(before), partitionName(after)].sort(),
    );
  });

  it("keyset pages and the tail read only the days their received_at bounds allow", async () => {
    await queryRows(db, sql`analyze logs`);
    const { filters } = parseLogQuery(new URLSearchParams(""));
    const today = utcDay(new Date());
    const yesterdayNoon = new Date(today.getTime() - day / 2).toISOString();
    const olderPage = await explainWithIndexPreferred(
      db,
      pageSql({
        projectIds: [project.id],
        filters,
        limit: 51,
        before: { receivedAt: yesterdayNoon, id: "1000" },
      }),
    );
    expect(olderPage).not.toContain(partitionName(today));
    expect(olderPage).not.toContain(partitionName(addDays(today, 1)));

    const tail = await explainWithIndexPreferred(
      db,
      pageSql({
        projectIds: [project.id],
        filters,
        limit: 51,
        after: { receivedAt: new Date(today.getTime() + 1000).toISOString(), id: "1" },
      }),
    );
    expect(tail).toContain(partitionName(today));
    expect(tail).not.toContain(partitionName(addDays(today, -1)));
  });
});
