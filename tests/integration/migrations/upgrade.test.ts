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
