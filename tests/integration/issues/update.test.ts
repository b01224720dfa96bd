import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/open";
import { issueActivity, issues, projectMembers } from "@/lib/db/schema";
import { changeIssueAs, changeIssuesAs } from "@/lib/issues/access";
import { type IssueChange, type IssuePatch, issuePatchSchema } from "@/lib/issues/changes";
import { getIssue } from "@/lib/issues/get";
import { createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/users/create-user";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedIssue } from "./seed-issues";

const change = (body: IssuePatch): IssueChange => issuePatchSchema.parse(body);

describe("the PATCH body", () => {
  it("reads each lifecycle change", () => {
    expect(change({ status: "resolved" })).toEqual({ action: "resolved", in: "now" });
    expect(change({ resolved_in_release: " web@2.0.0 " })).toEqual({
      action: "resolved",
      in: "release",
      release: "web@2.0.0",
    });
    expect(change({ status: "resolved", resolved_in_next_release: true })).toEqual({
      action: "resolved",
      in: "next_release",
    });
    expect(change({ status: "unresolved" })).toEqual({ action: "unresolved" });
    expect(change({ status: "ignored" })).toEqual({ action: "ignored", until: null });
    expect(change({ status: "ignored", ignore_until: null })).toEqual({
      action: "ignored",
      until: null,
    });
    expect(change({ ignore_until: { events: 100 } })).toEqual({
      action: "ignored",
      until: { events: 100 },
    });
    expect(change({ ignore_until: { users: 5, until: "2999-01-01T00:00:00+02:00" } })).toEqual({
      action: "ignored",
      until: { users: 5, until: "2998-12-31T22:00:00.000Z" },
    });
  });

  it("refuses what is unclear, contradictory or out of range", () => {
    for (const body of [
      {},
      { status: "open" },
      { status: "resolved", ignore_until: { events: 1 } },
      { status: "unresolved", resolved_in_release: "1.0.0" },
      { status: "ignored", resolved_in_next_release: true },
      { resolved_in_release: "1.0.0", resolved_in_next_release: true },
      { resolved_in_release: "" },
      { resolved_in_release: "r".repeat(257) },
      { ignore_until: {} },
      { ignore_until: { events: 0 } },
      { ignore_until: { events: 1.5 } },
      { ignore_until: { users: "3" } },
      { ignore_until: { until: "2020-01-01T00:00:00Z" } },
      { ignore_until: { until: "tomorrow" } },
      { ignore_until: { minutes: 5 } },
      { status: "resolved", extra: 1 },
      [],
      "resolved",
    ]) {
      expect(issuePatchSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });
});

describe.each(backends())("changing issues on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let a: string;
  let b: string;
  let admin: Principal;
  let viewer: Principal;
  const token: Principal = {
    kind: "token",
    id: "0190a0a0-0000-7000-8000-00000000000a",
    role: "admin",
  };
  const tokenViewer: Principal = {
    kind: "token",
    id: "0190a0a0-0000-7000-8000-00000000000b",
    role: "viewer",
  };

  beforeAll(async () => {
    db = database.db;
    a = (await createProject(db, { name: "A" })).project.id;
    b = (await createProject(db, { name: "B" })).project.id;
    const adminUser = await createUser(db, {
      email: "admin@issues.test",
      password: "admin-password-1",
      role: "admin",
    });
    const viewerUser = await createUser(db, {
      email: "viewer@issues.test",
      password: "viewer-password-1",
      role: "viewer",
    });
    await db.insert(projectMembers).values({ projectId: a, userId: viewerUser.id });
    admin = { kind: "user", id: adminUser.id, email: adminUser.email, name: null, role: "admin" };
    viewer = {
      kind: "user",
      id: viewerUser.id,
      email: viewerUser.email,
      name: null,
      role: "viewer",
    };
  });

  const activity = (id: string) =>
    db
      .select()
      .from(issueActivity)
      .where(eq(issueActivity.issueId, BigInt(id)))
      .orderBy(asc(issueActivity.id));
  const row = async (id: string) =>
    (
      await db
        .select()
        .from(issues)
        .where(eq(issues.id, BigInt(id)))
    )[0];

  it("resolve now, in a release, in the next release; unresolve; each with an activity row", async () => {
    const id = await seedIssue(db, a, {
      key: "lifecycle",
      events: 10,
      users: 4,
      releases: ["web@1.9.0", "web@1.10.0", "web@1.2.0"],
      row: { regressed: true },
    });
    const now = await changeIssueAs(db, admin, id, change({ status: "resolved" }));
    expect(now).toMatchObject({
      status: "resolved",
      regressed: false,
      resolved_in_release: null,
      resolved_in_next_release: false,
    });
    expect(now.resolved_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const inRelease = await changeIssueAs(
      db,
      admin,
      id,
      change({ resolved_in_release: "web@2.0.0" }),
    );
    expect(inRelease).toMatchObject({ status: "resolved", resolved_in_release: "web@2.0.0" });
    const next = await changeIssueAs(
      db,
      token,
      id,
      change({ status: "resolved", resolved_in_next_release: true }),
    );
    expect(next).toMatchObject({
      status: "resolved",
      resolved_in_release: null,
      resolved_in_next_release: true,
    });
    // Semver order, not string order: 1.10.0 is the newest of the three.
    expect((await row(id))?.resolvedAfterRelease).toBe("web@1.10.0");
    const back = await changeIssueAs(db, admin, id, change({ status: "unresolved" }));
    expect(back).toMatchObject({
      status: "unresolved",
      regressed: false,
      resolved_at: null,
      resolved_in_release: null,
      resolved_in_next_release: false,
    });
    const stored = await row(id);
    expect(stored).toMatchObject({
      resolvedAt: null,
      resolvedInRelease: null,
      resolvedAfterRelease: null,
    });
    const log = await activity(id);
    expect(log.map((r) => [r.action, r.userId, r.details])).toEqual([
      ["resolved", admin.id, null],
      ["resolved", admin.id, { in_release: "web@2.0.0" }],
      [
        "resolved",
        null,
        { in_next_release: true, after_release: "web@1.10.0", token_id: token.id },
      ],
      ["unresolved", admin.id, null],
    ]);
  });

  it("ignore forever, until N events, N users or a date: the condition and the counts at the time are stored", async () => {
    const id = await seedIssue(db, a, { key: "ignore", events: 10, users: 4 });
    const forever = await changeIssueAs(db, admin, id, change({ status: "ignored" }));
    expect(forever).toMatchObject({ status: "ignored", ignore_until: null });
    const byCount = await changeIssueAs(
      db,
      admin,
      id,
      change({ ignore_until: { events: 5, users: 2 } }),
    );
    expect(byCount).toMatchObject({ status: "ignored", ignore_until: { events: 5, users: 2 } });
    expect(await row(id)).toMatchObject({ ignoreEventsBase: 10, ignoreUsersBase: 4 });
    // Ingest counts on: after 5 more events the ignore reads as over.
    await db
      .update(issues)
      .set({ eventCount: 15 })
      .where(eq(issues.id, BigInt(id)));
    expect((await getIssue(db, { projectIds: [a] }, id))?.status).toBe("unresolved");
    const until = await changeIssueAs(
      db,
      admin,
      id,
      change({ ignore_until: { until: "2999-01-01T00:00:00Z" } }),
    );
    expect(until).toMatchObject({
      status: "ignored",
      ignore_until: { until: "2999-01-01T00:00:00.000Z" },
    });
    expect(
      (await getIssue(db, { projectIds: [a] }, id, new Date("3000-01-01T00:00:00Z")))?.status,
    ).toBe("unresolved");
    // Resolving drops the ignore entirely.
    await changeIssueAs(db, admin, id, change({ status: "resolved" }));
    expect(await row(id)).toMatchObject({
      ignoreUntil: null,
      ignoreEventsBase: null,
      ignoreUsersBase: null,
    });
    expect((await activity(id)).map((r) => [r.action, r.details])).toEqual([
      ["ignored", { until: null }],
      ["ignored", { until: { events: 5, users: 2 } }],
      ["ignored", { until: { until: "2999-01-01T00:00:00.000Z" } }],
      ["resolved", null],
    ]);
  });

  it("in the next release without any release seen is 400, nothing changed", async () => {
    const id = await seedIssue(db, b, { key: "no-release" });
    await expect(
      changeIssueAs(db, admin, id, change({ status: "resolved", resolved_in_next_release: true })),
    ).rejects.toMatchObject({ code: "invalid_request" });
    expect((await row(id))?.status).toBe("unresolved");
    expect(await activity(id)).toEqual([]);
  });

  it("scope before role: foreign is 404 for a viewer, own is 403; nothing changes", async () => {
    const own = await seedIssue(db, a, { key: "viewer-own" });
    const foreign = await seedIssue(db, b, { key: "viewer-foreign" });
    const resolve = change({ status: "resolved" });
    await expect(changeIssueAs(db, viewer, foreign, resolve)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(changeIssueAs(db, viewer, own, resolve)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(changeIssueAs(db, tokenViewer, own, resolve)).rejects.toMatchObject({
      code: "forbidden",
    });
    for (const missing of ["123", "abc", "0"]) {
      await expect(changeIssueAs(db, admin, missing, resolve)).rejects.toMatchObject({
        code: "not_found",
      });
    }
    // The body is read only after both checks: a viewer's broken body is still 403/404.
    const broken = async (): Promise<IssueChange> => {
      throw new Error("the body must not be read");
    };
    await expect(changeIssueAs(db, viewer, own, broken)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(changeIssueAs(db, viewer, foreign, broken)).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await row(own))?.status).toBe("unresolved");
    expect((await row(foreign))?.status).toBe("unresolved");
    expect([...(await activity(own)), ...(await activity(foreign))]).toEqual([]);
    // An issue without events left (pruned) is gone.
    const pruned = await seedIssue(db, a, { key: "pruned", events: 0 });
    await expect(changeIssueAs(db, admin, pruned, resolve)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("bulk: many issues of one project in one change; others' ids are left out", async () => {
    const ids = await Promise.all(
      ["bulk-1", "bulk-2", "bulk-3"].map((key) => seedIssue(db, a, { key })),
    );
    const other = await seedIssue(db, b, { key: "bulk-other" });
    const changed = await changeIssuesAs(
      db,
      admin,
      a,
      [...ids, other, "junk"],
      change({ status: "ignored" }),
    );
    expect(changed.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(changed.every((i) => i.status === "ignored")).toBe(true);
    expect((await row(other))?.status).toBe("unresolved");
    for (const id of ids) expect((await activity(id)).map((r) => r.action)).toEqual(["ignored"]);
    await expect(
      changeIssuesAs(db, viewer, a, ids, change({ status: "resolved" })),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      changeIssuesAs(db, viewer, b, [other], change({ status: "resolved" })),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
