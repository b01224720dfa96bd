import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { backends, createTestDatabase, type TestDatabase } from "../../support/db";
import { type SeededProject, seedProject } from "../../support/seed";
import { postLogs } from "./post-helper";

describe.each(backends())("ingest pipeline on %s", (backend) => {
  let database: TestDatabase;
  let project: SeededProject;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    project = await seedProject(database.db, { rateLimitPerIpPerMinute: 100_000 });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("stores a batch and reports accepted, duplicates and rejected", async () => {
    const res = await postLogs(
      database.db,
      JSON.stringify([
        { id: "a1", message: "hello", level: "WARNING", extra: { deep: true } },
        { message: "" },
        { id: "a1", message: "repeat inside the request" },
        { message: "no id", timestamp: "2024-02-30T00:00:00Z" },
      ]),
      { key: project.key },
    );
    expect(res.body).toMatchObject({});
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 1 });
    expect(res.body.errors).toEqual([{ index: 1, message: expect.any(String) }]);
    const rows = await queryRows<{ message: string; level: number; attributes: unknown }>(
      database.db,
      sql`select message, level, attributes, normalized_fields from logs where project_id = ${project.id} order by id`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      message: "hello",
      level: 40,
      attributes: { extra: { deep: true } },
    });
  });
});
