import { type SQL, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { sampleSql } from "@/lib/issues/breakdowns";
import { after, before, probeSql } from "@/lib/issues/event-navigation";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { explainWithIndexPreferred } from "../../support/explain";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs, timedEvents } from "../logs/seed-logs";

// The issue page's event reads must not grow with the issue: each step (newest, oldest, newer,
// older) and the breakdowns' sample walk logs_issue_received_idx in its order and stop, never
// sorting the issue's events. With sorts and sequential scans priced out, a plan that still
// sorts means the ORDER BY does not match the index.

describe.each(backends())("issue page query plans on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let issue: { id: string; project_id: string };

  beforeAll(async () => {
    db = database.db;
    const project = (await createProject(db, { name: "plans" })).project.id;
    issue = { id: "4611686018427387904", project_id: project };
    await seedLogs(
      db,
      project,
      timedEvents(500, new Date()).map((e) => ({ ...e, issueId: BigInt(issue.id) })),
    );
    await seedLogs(db, project, timedEvents(500, new Date(), "plain"));
    await queryRows(db, sql`ANALYZE logs`);
  });

  const explain = (query: SQL) => explainWithIndexPreferred(db, query);

  const position = { received_at: "2026-01-01T00:00:00.000000Z", id: "100" };
  it.each([
    ["newest", () => probeSql(issue, sql`TRUE`, "desc")],
    ["oldest", () => probeSql(issue, sql`TRUE`, "asc")],
    ["newer", () => probeSql(issue, after(position), "asc")],
    ["older", () => probeSql(issue, before(position), "desc")],
    ["the breakdowns' sample", () => sampleSql(issue)],
  ] as const)("%s walks logs_issue_received_idx without sorting", async (_, query) => {
    const text = await explain(query());
    // Each day of `logs` has its copy of the index: logs_<day>_issue_received_idx.
    expect(text).toMatch(/logs_\w+_issue_received_idx/);
    expect(text.split("\n").some((line) => /\bSort\b/.test(line) && !/Sort Key/.test(line))).toBe(
      false,
    );
  });
});
