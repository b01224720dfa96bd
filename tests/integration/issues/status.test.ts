import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { issues, type NewIssue } from "@/lib/db/schema/issues";
import { effectiveStatus, effectiveStatusIs, effectiveStatusSql } from "@/lib/issues/status";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedIssue } from "./seed-issues";

// lib/issues/status.ts says the same thing twice (SQL for the list filter, TypeScript for the
// DTO): they must agree on every kind of ignore, before and after its end.

const cases: Partial<NewIssue>[] = [
  { status: "ignored", ignoreUntil: { until: "2026-03-01T00:00:00.000Z" } },
  { status: "ignored", ignoreUntil: { events: 3 }, ignoreEventsBase: 8 },
  { status: "ignored", ignoreUntil: { events: 2 }, ignoreEventsBase: 7 },
  { status: "ignored", ignoreUntil: { users: 1 }, ignoreUsersBase: 1 },
  { status: "ignored", ignoreUntil: { users: 1 }, ignoreUsersBase: 0 },
  {
    status: "ignored",
    ignoreUntil: { events: 50, until: "2026-03-01T00:00:00.000Z" },
    ignoreEventsBase: 0,
  },
  { status: "ignored", ignoreUntil: null },
  { status: "resolved", ignoreUntil: null },
  { status: "unresolved", ignoreUntil: null },
];

describe.each(backends())("effective status on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let p: string;

  beforeAll(async () => {
    db = database.db;
    p = (await createProject(db, { name: "P" })).project.id;
  });

  it("SQL and TypeScript agree, before and after each ignore ends", async () => {
    const seen: string[] = [];
    for (const [n, row] of cases.entries()) {
      const id = await seedIssue(db, p, { key: `status-${n}`, events: 10, users: 1, row });
      const [stored] = await db
        .select()
        .from(issues)
        .where(eq(issues.id, BigInt(id)));
      if (!stored) throw new Error("seeded issue missing");
      for (const now of [new Date("2026-02-01T00:00:00Z"), new Date("2026-04-01T00:00:00Z")]) {
        const [fromSql] = await queryRows<{ s: string }>(
          db,
          sql`SELECT ${effectiveStatusSql(now)} AS s FROM issues i WHERE i.id = ${id}::bigint`,
        );
        expect(fromSql?.s, JSON.stringify(row)).toBe(effectiveStatus(stored, now));
        // The list's condition form holds for exactly that status.
        const [holds] = await queryRows<{ r: boolean; u: boolean; g: boolean }>(
          db,
          sql`SELECT ${effectiveStatusIs("resolved", now)} AS r, ${effectiveStatusIs("unresolved", now)} AS u,
                ${effectiveStatusIs("ignored", now)} AS g FROM issues i WHERE i.id = ${id}::bigint`,
        );
        expect([holds?.r, holds?.u, holds?.g]).toEqual(
          (["resolved", "unresolved", "ignored"] as const).map((s) => s === fromSql?.s),
        );
        seen.push(`${n}:${fromSql?.s}`);
      }
    }
    // Both ends happen: the cases are not all one answer.
    expect(seen).toEqual([
      "0:ignored",
      "0:unresolved",
      "1:ignored",
      "1:ignored",
      "2:unresolved",
      "2:unresolved",
      "3:ignored",
      "3:ignored",
      "4:unresolved",
      "4:unresolved",
      "5:ignored",
      "5:unresolved",
      "6:ignored",
      "6:ignored",
      "7:resolved",
      "7:resolved",
      "8:unresolved",
      "8:unresolved",
    ]);
  });
});
