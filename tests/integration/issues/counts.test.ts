import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { backends } from "../../support/db";
import { type SeededProject, seedProject, unlimitedRates } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "../ingest/post-helper";
import { expectIssuesTrue, issuesOf } from "./issue-truth";

// Issue 14 §2: every committed error event belongs to its issue, with exact counts, under
// concurrent ingest and retries (a duplicate client id never counts twice). On server Postgres
// the requests take the COPY path with its group commit, on PGlite the INSERT … RETURNING;
// a batch that repeats a stored id takes the INSERT on both.

const stack = (fn: string) =>
  `TypeError: x is undefined\n    at ${fn} (https://shop.example.com/assets/app-3f2a9c.js:1:200)\n    at main (https://shop.example.com/assets/app-3f2a9c.js:1:10)`;

function errorEvent(id: string, fn: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    level: "error",
    message: "TypeError: x is undefined",
    stack: stack(fn),
    release: "web@1.0.0",
    environment: "production",
    ...extra,
  };
}

describe.each(backends())("issue counts on %s", (backend) => {
  const database = useTestDatabase(backend);
  let project: SeededProject;
  beforeAll(async () => {
    project = await seedProject(database.db, unlimitedRates);
  });
  const post = (events: unknown[]) =>
    postLogs(database.db, JSON.stringify(events), { key: project.key, peerIp: "203.0.113.7" });

  it("groups members, leaves plain logs alone, and counts what an issue knows", async () => {
    const res = await post([
      errorEvent("a1", "checkout", { user_id: "u1", level: "warn" }),
      errorEvent("a2", "checkout", { user_id: "u2", release: "web@1.1.0" }),
      errorEvent("a3", "checkout", { session_id: "s1", level: "fatal", environment: "staging" }),
      errorEvent("b1", "render"),
      { id: "plain1", message: "page view" },
      { id: "plain2", message: "clicked", level: "error" },
    ]);
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(6);
    const issues = await issuesOf(database.db, project.id);
    expect(issues.map((i) => [i.title, i.culprit, i.event_count, i.user_count])).toEqual([
      ["TypeError: x is undefined", "checkout (app.js)", 3, 3],
      ["TypeError: x is undefined", "render (app.js)", 1, 1],
      ["clicked", null, 1, 1],
    ]);
    const checkout = issues[0];
    expect(checkout?.level).toBe(60);
    expect(checkout?.first_release).toBe("web@1.0.0");
    expect(checkout?.last_release).toBe("web@1.0.0");
    const [plain] = await queryRows<{ issue_id: string | null }>(
      database.db,
      sql`select issue_id::text from logs where project_id = ${project.id} and client_id = 'plain1'`,
    );
    expect(plain?.issue_id).toBeNull();
    await expectIssuesTrue(database.db, project.id);
  });

  it("retries never count twice: sequential, concurrent, and partly stored batches", async () => {
    const body = Array.from({ length: 20 }, (_, i) =>
      errorEvent(`retry-${i}`, "pay", { user_id: `u${i % 4}` }),
    );
    expect((await post(body)).body.accepted).toBe(20);
    expect((await post(body)).body.duplicates).toBe(20);
    const results = await Promise.all(Array.from({ length: 6 }, () => post(body)));
    expect(results.every((r) => r.body.accepted === 0)).toBe(true);
    // Half stored already, half new: the INSERT skips and counts only the new half.
    const mixed = Array.from({ length: 20 }, (_, i) =>
      errorEvent(`retry-${i + 10}`, "pay", { user_id: `u${(i + 10) % 6}` }),
    );
    expect((await post(mixed)).body.accepted).toBe(10);
    const pay = (await issuesOf(database.db, project.id)).find((i) => i.culprit === "pay (app.js)");
    expect(pay?.event_count).toBe(30);
    expect(pay?.user_count).toBe(6);
    await expectIssuesTrue(database.db, project.id);
  });

  it("concurrent requests on one issue and on many: counts exact", async () => {
    const requests = Array.from({ length: 24 }, (_, r) =>
      post(
        Array.from({ length: 25 }, (_, i) =>
          errorEvent(`storm-${r}-${i}`, i % 5 === 0 ? `fn${r}` : "storm", {
            session_id: `s${(r * 25 + i) % 37}`,
            release: `web@2.${r % 3}.0`,
          }),
        ),
      ),
    );
    // The same ids again, at once: each stored and counted once.
    const retries = Array.from({ length: 4 }, (_, r) =>
      post(
        Array.from({ length: 25 }, (_, i) =>
          errorEvent(`storm-${r}-${i}`, i % 5 === 0 ? `fn${r}` : "storm", {
            session_id: `s${(r * 25 + i) % 37}`,
            release: `web@2.${r % 3}.0`,
          }),
        ),
      ),
    );
    const results = await Promise.all([...requests, ...retries]);
    expect(results.every((r) => r.status === 202)).toBe(true);
    expect(results.reduce((n, r) => n + Number(r.body.accepted), 0)).toBe(24 * 25);
    const storm = (await issuesOf(database.db, project.id)).find(
      (i) => i.culprit === "storm (app.js)",
    );
    expect(storm?.event_count).toBe(24 * 20);
    await expectIssuesTrue(database.db, project.id);
  });

  it("an identity is the user id, else the session, else the stored client IP", async () => {
    await post([
      errorEvent("who-1", "who", { user_id: "alice", session_id: "s-a" }),
      errorEvent("who-2", "who", { session_id: "s-b" }),
      errorEvent("who-3", "who"),
    ]);
    const rows = await queryRows<{ value: string }>(
      database.db,
      sql`select v.value from issue_values v join logs l on l.issue_id = v.issue_id
          where l.client_id = 'who-1' and v.kind = 'user' order by 1`,
    );
    expect(rows.map((r) => r.value.split(":")[0])).toEqual(["id", "ip", "session"]);
    await expectIssuesTrue(database.db, project.id);
  });
});
