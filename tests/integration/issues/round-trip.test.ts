import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { issueActivity } from "@/lib/db/schema";
import { changeIssueAs } from "@/lib/issues/access";
import { issuePatchSchema } from "@/lib/issues/changes";
import { parseIssueQuery } from "@/lib/issues/filters";
import { getIssue } from "@/lib/issues/get";
import { listIssues } from "@/lib/issues/list";
import { parseLogQuery } from "@/lib/logs/filters";
import { listLogs } from "@/lib/logs/list";
import { backends } from "../../support/db";
import { type SeededProject, seedProject, unlimitedRates } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "../ingest/post-helper";

// The read and change layer over issues made by the real ingest pipeline (not seeded rows):
// what ingest counts is what the list filters on, a status change made here is what ingest's
// lifecycle reads when the next event arrives, and the logs API finds the issue's events.

const admin: Principal = {
  kind: "token",
  id: "0190a0a0-0000-7000-8000-00000000000a",
  role: "admin",
};

const crash = (id: string, fn: string, extra: Record<string, unknown> = {}) => ({
  id,
  level: "error",
  message: "TypeError: x is undefined",
  stack: `TypeError: x is undefined\n    at ${fn} (https://shop.example.com/assets/app-3f2a9c.js:1:200)`,
  environment: "production",
  ...extra,
});

describe.each(backends())("issues from real ingest on %s", (backend) => {
  const database = useTestDatabase(backend);
  let project: SeededProject;
  let sequence = 0;

  beforeAll(async () => {
    project = await seedProject(database.db, unlimitedRates);
  });

  const post = async (events: unknown[]) => {
    const res = await postLogs(database.db, JSON.stringify(events), {
      key: project.key,
      peerIp: `203.0.113.${++sequence}`,
    });
    expect(res.status).toBe(202);
  };
  const list = async (qs: string) => {
    const { filters, page } = parseIssueQuery(new URLSearchParams(qs));
    return (await listIssues(database.db, { projectIds: [project.id] }, filters, page)).issues;
  };
  const issueOf = async (culprit: string) => {
    const found = (await list("status=all")).find((i) => i.culprit === culprit);
    if (!found) throw new Error(`no issue with culprit ${culprit}`);
    return found;
  };
  const change = (id: string, body: unknown) =>
    changeIssueAs(database.db, admin, id, issuePatchSchema.parse(body));

  it("lists what ingest counted, filters on its values, and finds its events", async () => {
    await post([
      crash("c1", "checkout", { release: "web@1.0.0", user_id: "u1" }),
      crash("c2", "checkout", { release: "web@1.1.0", user_id: "u2", environment: "staging" }),
      crash("r1", "render", { release: "web@1.1.0" }),
      { id: "p1", message: "page view" },
    ]);
    const checkout = await issueOf("checkout (app.js)");
    expect(checkout).toMatchObject({ event_count: 2, user_count: 2, status: "unresolved" });
    expect((await list("release=web@1.0.0")).map((i) => i.culprit)).toEqual(["checkout (app.js)"]);
    expect((await list("environment=staging")).map((i) => i.culprit)).toEqual([
      "checkout (app.js)",
    ]);
    expect((await list("sort=events"))[0]?.id).toBe(checkout.id);
    const { filters, page } = parseLogQuery(new URLSearchParams(`issue=${checkout.id}`));
    const logs = await listLogs(database.db, { projectIds: [project.id] }, filters, page);
    expect(logs.logs.map((l) => l.event_id).sort()).toEqual(["c1", "c2"]);
  });

  it("resolved here, regressed by the next event through ingest", async () => {
    const render = await issueOf("render (app.js)");
    await change(render.id, { status: "resolved" });
    expect((await list("")).map((i) => i.id)).not.toContain(render.id);
    await post([crash("r2", "render", { release: "web@1.1.0" })]);
    const after = await getIssue(database.db, { projectIds: [project.id] }, render.id);
    expect(after).toMatchObject({ status: "unresolved", regressed: true, event_count: 2 });
    const actions = await database.db
      .select({ action: issueActivity.action, userId: issueActivity.userId })
      .from(issueActivity)
      .where(eq(issueActivity.issueId, BigInt(render.id)))
      .orderBy(asc(issueActivity.id));
    expect(actions).toEqual([
      { action: "resolved", userId: null },
      { action: "regressed", userId: null },
    ]);
    // Unresolving by hand clears the mark.
    expect(await change(render.id, { status: "unresolved" })).toMatchObject({ regressed: false });
  });

  it("in the next release: an older or the same release does not regress, a newer one does", async () => {
    const checkout = await issueOf("checkout (app.js)");
    const resolved = await change(checkout.id, {
      status: "resolved",
      resolved_in_next_release: true,
    });
    expect(resolved).toMatchObject({ status: "resolved", resolved_in_next_release: true });
    await post([
      crash("c3", "checkout", { release: "web@1.0.0" }),
      crash("c4", "checkout", { release: "web@1.1.0" }),
    ]);
    expect((await getIssue(database.db, { projectIds: [project.id] }, checkout.id))?.status).toBe(
      "resolved",
    );
    await post([crash("c5", "checkout", { release: "web@1.2.0" })]);
    expect(await getIssue(database.db, { projectIds: [project.id] }, checkout.id)).toMatchObject({
      status: "unresolved",
      regressed: true,
      event_count: 5,
    });
  });

  it("ignored until 2 more events: ingest ends it, the list shows it unresolved", async () => {
    const checkout = await issueOf("checkout (app.js)");
    await change(checkout.id, { ignore_until: { events: 2 } });
    await post([crash("c6", "checkout")]);
    expect((await list("status=ignored")).map((i) => i.id)).toEqual([checkout.id]);
    await post([crash("c7", "checkout")]);
    expect((await list("status=ignored")).map((i) => i.id)).toEqual([]);
    expect((await list("")).map((i) => i.id)).toContain(checkout.id);
  });
});
