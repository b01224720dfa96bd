import { type SQL, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { parseLogQuery } from "@/lib/logs/filters";
import { pageSql } from "@/lib/logs/page-query";
import { dataSpanSql } from "@/lib/logs/volume-span";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { explainWithIndexPreferred } from "../../support/explain";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs, timedEvents } from "./seed-logs";

// QRY-5 / TC-17: keyset pages must be read in index order, not sorted. With sorts and
// sequential scans priced out, a plan that still needs a Sort means the ORDER BY does not
// match `logs_project_received_idx` (the NULLS FIRST/LAST mismatch once cost 950 ms at 1M rows).
// `logs` is stored by day: a plan names each day's copy of the index, logs_<day>_project_received_idx.
const projectIndex = /logs_\w+_project_received_idx/;
const issueIndex = /logs_\w+_issue_received_idx/;

describe.each(backends())("query plans on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let project: string;

  beforeAll(async () => {
    db = database.db;
    project = (await createProject(db, { name: "plans" })).project.id;
    await seedLogs(db, project, timedEvents(500, new Date()));
    await queryRows(db, sql`ANALYZE logs`);
  });

  async function plan(qs: string, position?: "before" | "after"): Promise<string> {
    const { filters } = parseLogQuery(new URLSearchParams(qs));
    const at = { receivedAt: "2026-01-01T00:00:00.000000Z", id: "100" };
    return explain(
      pageSql({
        projectIds: [project],
        filters,
        limit: 51,
        ...(position === "before" ? { before: at } : position === "after" ? { after: at } : {}),
      }),
    );
  }

  const explain = (query: SQL) => explainWithIndexPreferred(db, query);

  it.each([
    ["first page", "", undefined],
    ["keyset page", "", "before"],
    ["tail (ascending)", "", "after"],
    ["level filter", "level=error", "before"],
    ["text search", "q=needle", "before"],
  ] as const)(
    "%s walks logs_project_received_idx without sorting a project",
    async (_, qs, position) => {
      const text = await plan(qs, position);
      expect(text).toMatch(projectIndex);
      // Only the outer merge of the per-project pages (≤ limit rows per project) may sort.
      const sorts = text
        .split("\n")
        .filter((line) => /\bSort\b/.test(line) && !/Sort Key/.test(line));
      expect(sorts.length).toBeLessThanOrEqual(1);
      const lines = text.split("\n");
      const innerLimit = lines.findIndex((line, i) => i > 0 && /Limit/.test(line));
      expect(
        lines.slice(innerLimit).some((line) => /\bSort\b/.test(line) && !/Sort Key/.test(line)),
      ).toBe(false);
    },
  );

  it("an issue's events (issue=) are read from logs_issue_received_idx, without sorting", async () => {
    const text = await plan("issue=4611686018427387904", "before");
    expect(text).toMatch(issueIndex);
    const lines = text.split("\n");
    const innerLimit = lines.findIndex((line, i) => i > 0 && /Limit/.test(line));
    expect(
      lines.slice(innerLimit).some((line) => /\bSort\b/.test(line) && !/Sort Key/.test(line)),
    ).toBe(false);
  });

  it("the volume chart's start is one index probe per project, whatever the range", async () => {
    const text = await explain(
      dataSpanSql([project, project], "-infinity", "9999-12-31T00:00:00Z"),
    );
    const lines = text.split("\n");
    // min, read as `ORDER BY … LIMIT 1` over the days in order (an ordered Append that stops
    // at the first row): a scan not under a Limit would read the whole range.
    const limits = lines.filter((line) => /->\s+Limit/.test(line));
    expect(limits).toHaveLength(1);
    for (const limit of limits) {
      expect(lines[lines.indexOf(limit) + 1]).toMatch(/->\s+(Merge )?Append|Index Only Scan/);
    }
    const scans = lines.filter((line) => / on logs_\w+/.test(line));
    expect(scans.length).toBeGreaterThanOrEqual(1);
    for (const scan of scans) expect(scan).toMatch(projectIndex);
  });
});
