import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/open";
import { projectMembers } from "@/lib/db/schema";
import { readScope } from "@/lib/logs/api";
import { parseLogQuery } from "@/lib/logs/filters";
import { getLog } from "@/lib/logs/get";
import { listLogs } from "@/lib/logs/list";
import { createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/users/create-user";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedIssue } from "../issues/seed-issues";
import { seedLogs } from "./seed-logs";

// The logs read side and issues: every event carries `issue_id`, and `issue=` lists one
// issue's events, after checking the issue is visible (else the project's same 404).

describe.each(backends())("logs of an issue on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let a: string;
  let b: string;
  let issueA: string;
  let issueB: string;
  let viewer: Principal;
  const token: Principal = {
    kind: "token",
    id: "0190a0a0-0000-7000-8000-00000000000a",
    role: "viewer",
  };

  beforeAll(async () => {
    db = database.db;
    a = (await createProject(db, { name: "A" })).project.id;
    b = (await createProject(db, { name: "B" })).project.id;
    issueA = await seedIssue(db, a, { key: "a", withEvents: 7, events: 7 });
    issueB = await seedIssue(db, b, { key: "b", withEvents: 2, events: 2 });
    await seedIssue(db, a, { key: "a2", withEvents: 3, events: 3 });
    await seedLogs(db, a, [{ message: "plain info" }]);
    const user = await createUser(db, {
      email: "v@logs.test",
      password: "viewer-password-1",
      role: "viewer",
    });
    await db.insert(projectMembers).values({ projectId: a, userId: user.id });
    viewer = { kind: "user", id: user.id, email: user.email, name: null, role: "viewer" };
  });

  const page = async (who: Principal, qs: string) => {
    const { filters, page } = parseLogQuery(new URLSearchParams(qs));
    const { scope } = await readScope(db, who, filters);
    return listLogs(db, scope, filters, page);
  };

  it("every event carries its issue id, or null", async () => {
    const all = await page(token, `project=${a}&limit=200`);
    expect(all.logs).toHaveLength(11);
    const byIssue = new Map<string | null, number>();
    for (const log of all.logs) byIssue.set(log.issue_id, (byIssue.get(log.issue_id) ?? 0) + 1);
    expect(byIssue.get(issueA)).toBe(7);
    expect(byIssue.get(null)).toBe(1);
    const one = all.logs.find((l) => l.issue_id === issueA);
    expect((await getLog(db, { projectIds: [a] }, one?.id ?? ""))?.issue_id).toBe(issueA);
  });

  it("issue= lists that issue's events, newest first, paging without repeats", async () => {
    const seen: string[] = [];
    let cursor = "";
    for (let n = 0; n < 10; n++) {
      const result = await page(viewer, `issue=${issueA}&limit=3${cursor && `&cursor=${cursor}`}`);
      seen.push(...result.logs.map((l) => l.message));
      expect(result.logs.every((l) => l.issue_id === issueA)).toBe(true);
      if (!result.next_cursor) break;
      cursor = result.next_cursor;
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, n) => `a event ${n}`));
    // With the issue's own project named too; with another project it is not found.
    expect((await page(token, `project=${a}&issue=${issueA}`)).logs).toHaveLength(7);
    await expect(page(token, `project=${b}&issue=${issueA}`)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("a foreign, unknown or malformed issue is the same 404", async () => {
    for (const id of [issueB, "12345", "not-an-id", "0", "99999999999999999999"]) {
      await expect(page(viewer, `issue=${id}`), id).rejects.toMatchObject({ code: "not_found" });
    }
    expect((await page(token, `issue=${issueB}`)).logs).toHaveLength(2);
  });

  it("without the scope check, a malformed id still matches nothing (the explorer's path)", async () => {
    const { filters, page: p } = parseLogQuery(
      new URLSearchParams("issue=x'); DROP TABLE logs;--"),
    );
    expect((await listLogs(db, { projectIds: [a] }, filters, p)).logs).toEqual([]);
  });
});
