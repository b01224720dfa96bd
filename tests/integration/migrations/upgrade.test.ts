import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, migrationsFolder, openDatabase } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { logs } from "@/lib/db/schema";
import { backends, createServerDatabase, dropServerDatabase } from "../../support/db";

interface Journal {
  entries: { idx: number; tag: string }[];
}

const journal = JSON.parse(
  readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"),
) as Journal;
// "The previous release": every migration but the last (the first alone while there is only one).
const previousCount = Math.max(1, journal.entries.length - 1);

/** A copy of drizzle/ whose journal stops after the first `count` migrations. */
function truncatedMigrations(count: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "logwell-migrations-"));
  cpSync(migrationsFolder, dir, { recursive: true });
  writeFileSync(
    path.join(dir, "meta/_journal.json"),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }),
  );
  return dir;
}

async function migrateWith(database: Database, folder: string) {
  const migrator =
    database.kind === "pglite"
      ? await import("drizzle-orm/pglite/migrator")
      : await import("drizzle-orm/node-postgres/migrator");
  // biome-ignore lint/suspicious/noExplicitAny: each migrator wants its own driver's db type
  await migrator.migrate(database.db as any, { migrationsFolder: folder });
}

describe.each(backends())("upgrade from the previous migration on %s", (backend) => {
  let database: Database;
  let serverUrl: string | undefined;
  let oldFolder: string;
  beforeAll(async () => {
    oldFolder = truncatedMigrations(previousCount);
    if (backend === "postgres") {
      serverUrl = await createServerDatabase();
      database = await openDatabase({ url: serverUrl, driver: "pg" });
    } else {
      // openDatabase migrates PGlite fully; this test needs the old schema first.
      const { PGlite } = await import("@electric-sql/pglite");
      const { drizzle } = await import("drizzle-orm/pglite");
      const client = await PGlite.create();
      database = {
        db: drizzle({ client }) as unknown as Database["db"],
        kind: "pglite",
        close: () => client.close(),
      };
    }
  });
  afterAll(async () => {
    await database?.close();
    if (serverUrl) await dropServerDatabase(serverUrl);
    rmSync(oldFolder, { recursive: true, force: true });
  });

  it(`keeps events stored under ${journal.entries[previousCount - 1]?.tag} through the remaining migrations`, async () => {
    const { db } = database;
    await migrateWith(database, oldFolder);
    // Only columns the first release already had, written as that release's SQL would.
    const [project] = await queryRows<{ id: string }>(
      db,
      sql`insert into projects (id, name) values (gen_random_uuid(), 'before upgrade') returning id`,
    );
    const projectId = project?.id ?? "";
    for (let i = 0; i < 50; i++) {
      await db.execute(
        sql`insert into logs (project_id, level, message, received_at)
            values (${projectId}, 40, ${`stored before upgrade ${i}`}, now() - make_interval(mins => ${i}))`,
      );
    }
    await migrateWith(database, migrationsFolder);
    const [applied] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied?.n).toBe(journal.entries.length);
    // Read back through today's schema: every old event survives, readable by the new code.
    const rows = await db.select().from(logs).orderBy(asc(logs.id));
    expect(rows).toHaveLength(50);
    expect(rows.map((r) => r.message)).toEqual(
      Array.from({ length: 50 }, (_, i) => `stored before upgrade ${i}`),
    );
    expect(rows.every((r) => r.projectId === projectId && r.level === 40)).toBe(true);
  });

  it("0011 converts a logs table holding events of several days into day partitions, losing none", async () => {
    const { db } = database;
    await db.execute(sql`drop schema if exists drizzle cascade`);
    await db.execute(sql`drop schema public cascade`);
    await db.execute(sql`create schema public`);
    const before = journal.entries.findIndex((e) => e.tag === "0011_logs_partitions");
    const folder = truncatedMigrations(before);
    await migrateWith(database, folder);
    rmSync(folder, { recursive: true, force: true });
    const [project] = await queryRows<{ id: string }>(
      db,
      sql`insert into projects (id, name) values (gen_random_uuid(), 'partitioned') returning id`,
    );
    const projectId = project?.id ?? "";
    // Events over 5 days (one of them years ago), with client ids, issues and arrays.
    const days = [0, 1, 2, 9, 2000];
    for (const [i, ago] of days.entries()) {
      for (let j = 0; j < 3; j++) {
        await db.execute(
          sql`insert into logs (project_id, client_id, level, message, received_at, issue_id, truncated_fields)
              values (${projectId}, ${`c-${i}-${j}`}, 50, ${`old ${i}-${j}`},
                      now() - make_interval(days => ${ago}, mins => ${j}), ${i === 0 ? 42 : null},
                      array['message'])`,
        );
      }
    }
    const snapshot = sql`select id::text, project_id, client_id, received_at::text, level, message,
                                issue_id::text, truncated_fields from logs order by id`;
    const old = await queryRows(db, snapshot);
    await migrateWith(database, migrationsFolder);

    expect(await queryRows(db, snapshot)).toEqual(old);
    // Each event is in the partition of its UTC day; the default partition is empty.
    const misplaced = await queryRows(
      db,
      sql`select id from logs
          where tableoid::regclass::text <> 'logs_' || to_char(received_at at time zone 'UTC', 'YYYYMMDD')`,
    );
    expect(misplaced).toEqual([]);
    // Ids go on after the largest; a client id is still de-duplicated within its day.
    const [maxOld] = await queryRows<{ id: string }>(db, sql`select max(id)::text as id from logs`);
    const inserted = await queryRows<{ id: string }>(
      db,
      sql`insert into logs (project_id, client_id, level, message)
          values (${projectId}, 'c-0-0', 30, 'retry'), (${projectId}, 'fresh', 30, 'new')
          on conflict do nothing returning id::text`,
    );
    expect(inserted).toHaveLength(1);
    expect(BigInt(inserted[0]?.id ?? "0")).toBeGreaterThan(BigInt(maxOld?.id ?? "0"));
  });

  it("numbers the projects that existed in creation order, and new ones after them", async () => {
    const { db } = database;
    await db.execute(sql`delete from projects`);
    await db.execute(sql`drop schema drizzle cascade`);
    await db.execute(sql`drop schema public cascade`);
    await db.execute(sql`create schema public`);
    // The projects table as it was before 0004_project_numbers.
    const before = journal.entries.findIndex((e) => e.tag === "0004_project_numbers");
    const folder = truncatedMigrations(before);
    await migrateWith(database, folder);
    rmSync(folder, { recursive: true, force: true });
    for (const [name, at] of [
      ["second", "2026-02-01T00:00:00Z"],
      ["first", "2026-01-01T00:00:00Z"],
    ]) {
      await db.execute(
        sql`insert into projects (id, name, created_at) values (gen_random_uuid(), ${name}, ${at})`,
      );
    }
    await migrateWith(database, migrationsFolder);
    await db.execute(sql`insert into projects (id, name) values (gen_random_uuid(), 'after')`);
    const numbered = await queryRows<{ name: string; number: number }>(
      db,
      sql`select name, number from projects order by number`,
    );
    expect(numbered).toEqual([
      { name: "first", number: 1 },
      { name: "second", number: 2 },
      { name: "after", number: 3 },
    ]);
  });
});
