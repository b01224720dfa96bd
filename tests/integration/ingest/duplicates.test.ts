import { fc } from "@fast-check/vitest";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { backends } from "../../support/db";
import { type SeededProject, seedProject, unlimitedRates } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "./post-helper";

// TC-27 (threat DUP-1): the same events delivered many times, one after another and at once,
// are stored once per (project, id); `duplicates` counts every extra delivery.
describe.each(backends())("TC-27 duplicate delivery on %s", (backend) => {
  const database = useTestDatabase(backend);
  let project: SeededProject;
  beforeAll(async () => {
    project = await seedProject(database.db, unlimitedRates);
  });

  const rowsFor = async (prefix: string) => {
    const rows = await queryRows<{ client_id: string; n: number }>(
      database.db,
      sql`select client_id, count(*)::int as n from logs
          where project_id = ${project.id} and client_id like ${`${prefix}%`}
          group by client_id`,
    );
    return new Map(rows.map((r) => [r.client_id, Number(r.n)]));
  };

  const batch = (prefix: string, n: number) =>
    JSON.stringify(
      Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, message: `m${i}` })),
    );

  it("sequential resends: stored once, duplicates = sends - 1 per id", async () => {
    const body = batch("seq-", 10);
    const results = [];
    for (let send = 0; send < 5; send++) {
      results.push(await postLogs(database.db, body, { key: project.key }));
    }
    expect(results.map((r) => r.body.accepted)).toEqual([10, 0, 0, 0, 0]);
    expect(results.map((r) => r.body.duplicates)).toEqual([0, 10, 10, 10, 10]);
    const stored = await rowsFor("seq-");
    expect(stored.size).toBe(10);
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
  });

  it("concurrent resends: exactly one delivery wins each id", async () => {
    const body = batch("con-", 50);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => postLogs(database.db, body, { key: project.key })),
    );
    expect(results.every((r) => r.status === 202)).toBe(true);
    const accepted = results.reduce((sum, r) => sum + Number(r.body.accepted), 0);
    const duplicates = results.reduce((sum, r) => sum + Number(r.body.duplicates), 0);
    expect(accepted).toBe(50);
    expect(duplicates).toBe(7 * 50);
    const stored = await rowsFor("con-");
    expect(stored.size).toBe(50);
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
  });

  it("property: any multiset of ids over 1–3 requests stores each distinct id once", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 8 }), {
          minLength: 1,
          maxLength: 3,
        }),
        async (requests) => {
          const prefix = `prop-${run++}-`;
          let accepted = 0;
          let duplicates = 0;
          for (const ids of requests) {
            const body = JSON.stringify(ids.map((id) => ({ id: `${prefix}${id}`, message: "m" })));
            const res = await postLogs(database.db, body, { key: project.key });
            accepted += Number(res.body.accepted);
            duplicates += Number(res.body.duplicates);
          }
          const sent = requests.flat();
          const distinct = new Set(sent).size;
          expect(accepted).toBe(distinct);
          expect(duplicates).toBe(sent.length - distinct);
          const stored = await rowsFor(prefix);
          expect(stored.size).toBe(distinct);
        },
      ),
      { numRuns: 25 },
    );
  });
});
