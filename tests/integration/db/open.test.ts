import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { chooseDriver } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { projects } from "@/lib/db/schema";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";

describe("chooseDriver", () => {
  it("picks PGlite without a URL, neon for Neon hosts, pg otherwise", () => {
    expect(chooseDriver(undefined)).toBe("pglite");
    expect(chooseDriver("postgres://u:p@ep-x-123.eu-central-1.aws.neon.tech/db")).toBe("neon");
    expect(chooseDriver("postgres://127.0.0.1:5432/test")).toBe("pg");
    expect(chooseDriver("postgres://127.0.0.1:5432/test", "neon")).toBe("neon");
  });
});

describe.each(backends())("migrated database on %s", (backend) => {
  const database = useTestDatabase(backend);

  it("has every table and accepts a project", async () => {
    const [project] = await database.db.insert(projects).values({ name: "web" }).returning();
    expect(project?.retentionDays).toBe(30);
    expect(project?.allowedOrigins).toEqual([]);
    const [tables] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
    );
    expect(tables?.n).toBeGreaterThanOrEqual(7);
  });
});
