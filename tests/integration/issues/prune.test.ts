import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { deleteProject } from "@/lib/projects/delete-project";
import { prune } from "@/lib/retention";
import { backends } from "../../support/db";
import { type SeededProject, seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "../ingest/post-helper";
import { expectIssuesTrue, issuesOf } from "./issue-truth";

// Issue 14 §2: retention keeps issues true. When the prune deletes events (expired, beyond
// max_events, of a deleted project), each issue's counts, hours, first seen and values follow,
// and an issue with no events left disappears, checked against the events counted from scratch.

const hour = 60 * 60 * 1000;
const day = 24 * hour;
// Mid-hour, so the cutoff (7 days before) splits an hour: the boundary-hour rule is exercised.
const now = new Date("2026-03-15T12:30:00.000Z");
const cutoff = now.getTime() - 7 * day;

describe.each(backends())("prune keeps issues true on %s", (backend) => {
  const database = useTestDatabase(backend);
  let seq = 0;

  const newProject = (values: { retentionDays?: number; maxEvents?: number } = {}) =>
    seedProject(database.db, {
      retentionDays: 7,
      rateLimitPerIpPerMinute: 100_000,
      rateLimitEventsPerMinute: 1_000_000,
      ...values,
    });

  /** One request received at `at`, of events of the issues named, with the given fields. */
  const sendAt = async (
    project: SeededProject,
    at: number,
    events: { issue: string; user?: string; release?: string; environment?: string }[],
  ) => {
    const body = events.map((e) => ({
      id: `p-${seq++}`,
      level: "error",
      message: e.issue,
      user_id: e.user,
      release: e.release,
      environment: e.environment,
    }));
    const res = await postLogs(database.db, JSON.stringify(body), {
      key: project.key,
      now: new Date(at),
    });
    expect(res.status).toBe(202);
  };

  const run = (batchSize = 1000, budgetMs = 60_000) =>
    prune({ db: database.db, now, budgetMs, batchSize });

  let project: SeededProject;
  beforeAll(async () => {
    project = await newProject();
  });

  it("subtracts expired events, moves first seen, drops values and empty issues", async () => {
    await sendAt(project, cutoff - 3 * day, [
      { issue: "kept", user: "u1", release: "r1", environment: "old-env" },
      { issue: "gone", user: "u1", release: "r1" },
    ]);
    await sendAt(project, cutoff - day, [{ issue: "kept", user: "u2", release: "r1" }]);
    // The boundary hour: one event just before the cutoff, one just after, other users.
    await sendAt(project, cutoff - 10 * 60 * 1000, [{ issue: "kept", user: "u3", release: "r2" }]);
    await sendAt(project, cutoff + 10 * 60 * 1000, [
      { issue: "kept", user: "u2", release: "r2", environment: "prod" },
    ]);
    await sendAt(project, now.getTime() - hour, [{ issue: "kept", user: "u4", release: "r3" }]);
    await expectIssuesTrue(database.db, project.id);

    const result = await run(2);
    expect(result.done).toBe(true);
    const issues = await issuesOf(database.db, project.id);
    expect(issues.map((i) => [i.title, i.event_count, i.user_count, i.first_release])).toEqual([
      ["kept", 2, 2, "r2"],
    ]);
    await expectIssuesTrue(database.db, project.id);
  });

  it("a prune cut short by its budget leaves counts true after every batch", async () => {
    const p = await newProject();
    for (let d = 20; d >= 1; d--) {
      await sendAt(p, cutoff - d * 3 * hour, [
        { issue: "long", user: `u${d % 5}`, release: `1.${d}.0` },
        { issue: "long", user: `u${d % 3}` },
      ]);
    }
    await sendAt(p, cutoff + hour, [{ issue: "long", user: "late" }]);
    // A zero budget runs one batch per prune (over all projects): many runs, each checked.
    const eventsLeft = async () => {
      const [row] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from logs where project_id = ${p.id}`,
      );
      return Number(row?.n);
    };
    let runs = 0;
    while ((await eventsLeft()) > 1 && runs < 200) {
      runs++;
      await run(3, 0);
      const [issue] = await issuesOf(database.db, p.id);
      expect(issue?.event_count).toBe(await eventsLeft());
    }
    expect(runs).toBeGreaterThan(1);
    expect(await eventsLeft()).toBe(1);
    expect((await run()).done).toBe(true);
    await expectIssuesTrue(database.db, p.id);
    expect((await issuesOf(database.db, p.id))[0]?.user_count).toBe(1);
  });

  it("max_events: the oldest events beyond the cap go, and their counts with them", async () => {
    const p = await newProject({ maxEvents: 3 });
    for (let i = 0; i < 6; i++) {
      await sendAt(p, now.getTime() - (6 - i) * hour, [
        { issue: i < 2 ? "early" : "capped", user: `u${i}`, environment: `e${i % 2}` },
      ]);
    }
    await run(2);
    const issues = await issuesOf(database.db, p.id);
    expect(issues.map((i) => [i.title, i.event_count, i.user_count])).toEqual([["capped", 3, 3]]);
    await expectIssuesTrue(database.db, p.id);
  });

  it("deleting a project removes its issues with it", async () => {
    const p = await newProject();
    await sendAt(p, now.getTime(), [{ issue: "doomed", user: "u" }]);
    await deleteProject(database.db, p.id);
    const [left] = await queryRows<{ n: number }>(
      database.db,
      sql`select (select count(*) from issues where project_id = ${p.id})
               + (select count(*) from logs where project_id = ${p.id}) as n`,
    );
    expect(Number(left?.n)).toBe(0);
  });

  it("prune and ingest at once on the same issues: counts true afterwards", async () => {
    const p = await newProject();
    for (let i = 0; i < 10; i++) {
      await sendAt(
        p,
        cutoff - (i + 1) * hour,
        Array.from({ length: 10 }, (_, j) => ({ issue: `busy-${j % 3}`, user: `u${i}-${j % 4}` })),
      );
    }
    const ingesting = Array.from({ length: 12 }, (_, i) =>
      sendAt(
        p,
        now.getTime() - i * 1000,
        Array.from({ length: 10 }, (_, j) => ({ issue: `busy-${j % 3}`, user: `n${i % 5}` })),
      ),
    );
    const [result] = await Promise.all([run(7), ...ingesting]);
    expect(result.deleted).toBe(100);
    await expectIssuesTrue(database.db, p.id);
  });
});
