// Server actions are public POST endpoints (threat N1): TC-15 (a cross-origin call with a valid
// session cookie is refused before the action runs) and TC-13 (a role below the action's is
// refused inside it), for every action of the auth/projects/settings pages, enumerated from the
// build's server-reference manifest. Effects are checked in the database afterwards.
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/credentials";
import {
  adminTokens,
  alertChannels,
  alertDeliveries,
  alertRules,
  ingestKeys,
  issueActivity,
  issues,
  projectMembers,
  projects,
  savedViews,
  users,
} from "@/lib/db/schema";
import { issueIdFor } from "@/lib/issues/issue-id";
import { backends } from "../../support/db";
import type { TestServer } from "../../support/server";
import { type ActionCall, actionIds, invokeAction } from "../../support/server-actions";
import { type CastServer, cast, type SeededCast, startCastServer } from "../auth/fixtures";

describe.each(backends())("server actions on %s", (backend) => {
  let server: TestServer;
  let seeded: SeededCast;
  let cookies: Record<"owner" | "admin" | "viewer", string>;
  let api: CastServer;
  const ids = actionIds();
  const tag = `t${Date.now()}`;
  let issueA = "";
  let channelA = "";
  let ruleA = "";
  let viewA = "";

  /** Every action of our pages with a call whose effect (if it ran) the checks below detect. */
  const calls = (): Record<string, ActionCall> => ({
    loginWithPassword: { page: "/login", leading: [{}], fields: cast.viewer },
    loginWithOAuth: { page: "/login", leading: [], fields: { provider: "github" } },
    claimOwnerAction: {
      page: "/setup",
      leading: [{}],
      fields: { email: `claim-${tag}@x.test`, password: "claim-password-1", token: "lw_setup_x" },
    },
    signOutAction: { page: "/projects", leading: [] },
    setThemeAction: { page: "/projects", leading: [], fields: { theme: "dark" } },
    setTimeDisplayAction: { page: "/projects", leading: [], fields: { display: "utc" } },
    createProjectAction: { page: "/projects", leading: [{}], fields: { name: `project-${tag}` } },
    saveSettingsAction: {
      page: `/projects/${seeded.projectA}/settings`,
      leading: [seeded.projectA, {}],
      fields: {
        name: `renamed-${tag}`,
        retention_days: "3",
        allowed_origins: "",
        rate_limit_per_ip_per_minute: "5",
        rate_limit_events_per_minute: "5",
        ip_storage: "full",
        max_events: "",
      },
    },
    createKeyAction: {
      page: `/projects/${seeded.projectA}/settings`,
      leading: [seeded.projectA, {}],
      fields: { name: `key-${tag}` },
    },
    revokeKeyAction: {
      page: `/projects/${seeded.projectA}/settings`,
      leading: [seeded.projectA],
      fields: { keyId: seeded.ingestKeyIdA },
    },
    deleteSourcemapUploadAction: {
      page: `/projects/${seeded.projectA}/settings`,
      leading: [seeded.projectA],
      // No such upload: a refused call must be refused before the lookup (status or role).
      fields: { uploadId: "00000000-0000-7000-8000-000000000000" },
    },
    deleteProjectAction: {
      page: `/projects/${seeded.projectA}/settings`,
      leading: [seeded.projectA, {}],
      fields: { confirm: "Project A" },
    },
    setMemberAction: {
      page: `/projects/${seeded.projectB}/settings`,
      leading: [seeded.projectB],
      fields: { userId: seeded.ids.viewer, grant: "1" },
    },
    changePasswordAction: {
      page: "/settings/account",
      leading: [{}],
      fields: { current: cast.viewer.password, next: `changed-${tag}`, confirm: `changed-${tag}` },
    },
    signOutEverywhereAction: { page: "/settings/account", leading: [] },
    setAlertEmailsAction: {
      page: "/settings/account",
      leading: [],
      fields: { alertEmails: "on" },
    },
    setPasswordAction: {
      page: `/set-password/${"x".repeat(32)}`,
      leading: ["x".repeat(32), {}],
      fields: { password: `changed-${tag}`, confirm: `changed-${tag}` },
    },
    createTokenAction: {
      page: "/settings/tokens",
      leading: [{}],
      fields: { name: `token-${tag}`, role: "admin" },
    },
    revokeTokenAction: {
      page: "/settings/tokens",
      leading: [],
      fields: { tokenId: seeded.tokenIds.admin },
    },
    inviteUserAction: {
      page: "/settings/users",
      leading: [{}],
      fields: { email: `added-${tag}@x.test`, role: "owner" },
    },
    changeRoleAction: {
      page: "/settings/users",
      leading: [{}],
      fields: { userId: seeded.ids.viewer, role: "owner" },
    },
    removeUserAction: {
      page: "/settings/users",
      leading: [{}],
      fields: { userId: seeded.ids.admin },
    },
    resetPasswordAction: {
      page: "/settings/users",
      leading: [{}],
      fields: { userId: seeded.ids.viewer },
    },
    bulkChangeIssuesAction: {
      page: `/projects/${seeded.projectA}/issues`,
      leading: [seeded.projectA],
      fields: { id: issueA, change: "resolve" },
    },
    changeIssueAction: {
      page: `/projects/${seeded.projectA}/issues/${issueA}`,
      leading: [seeded.projectA, issueA, {}],
      fields: { change: "resolve" },
    },
    // The explorer's: autocomplete and saved views are any member's (TC-15 only); a view is
    // deleted by its creator or an admin (the seeded view is the admin's).
    suggestAction: {
      page: `/projects/${seeded.projectA}/logs`,
      leading: [seeded.projectA, "level", ""],
    },
    saveViewAction: {
      page: `/projects/${seeded.projectA}/logs`,
      leading: [seeded.projectA],
      fields: { name: `view-${tag}`, q: "level:error", range: "24h" },
    },
    deleteViewAction: {
      page: `/projects/${seeded.projectA}/logs`,
      leading: [seeded.projectA],
      fields: { viewId: viewA },
    },
    createChannelAction: {
      page: `/projects/${seeded.projectA}/alerts`,
      leading: [seeded.projectA, {}],
      fields: { kind: "webhook", name: `channel-${tag}`, url: "https://hooks.example.com/x" },
    },
    createRuleAction: {
      page: `/projects/${seeded.projectA}/alerts`,
      leading: [seeded.projectA, {}],
      fields: { name: `rule-${tag}`, trigger: "new_issue", channel_id: channelA },
    },
    deleteChannelAction: {
      page: `/projects/${seeded.projectA}/alerts`,
      leading: [seeded.projectA],
      fields: { channelId: channelA },
    },
    deleteRuleAction: {
      page: `/projects/${seeded.projectA}/alerts`,
      leading: [seeded.projectA],
      fields: { ruleId: ruleA },
    },
    toggleRuleAction: {
      page: `/projects/${seeded.projectA}/alerts`,
      leading: [seeded.projectA],
      fields: { ruleId: ruleA, enabled: "false" },
    },
    sendTestAction: {
      page: `/projects/${seeded.projectA}/alerts`,
      leading: [seeded.projectA],
      fields: { ruleId: ruleA },
    },
  });

  beforeAll(async () => {
    // An issue of project A (which the viewer may read) for the issue actions to try to change.
    api = await startCastServer(backend, async (db, cast) => {
      const id = issueIdFor(cast.projectA, 1, "authz");
      issueA = id.toString();
      await db.insert(issues).values({
        id,
        projectId: cast.projectA,
        groupingKey: "authz",
        groupingVersion: 1,
        title: "TypeError: authz",
        level: 50,
        firstSeen: new Date(),
        lastSeen: new Date(),
        eventCount: 1,
        userCount: 1,
      });
      // An alert channel and rule, and a saved view by the admin, for their actions to try.
      const [channel] = await db
        .insert(alertChannels)
        .values({
          projectId: cast.projectA,
          kind: "webhook",
          name: "seeded",
          url: "https://hooks.example.com/seeded",
        })
        .returning();
      channelA = channel?.id ?? "";
      const [rule] = await db
        .insert(alertRules)
        .values({
          projectId: cast.projectA,
          channelId: channelA,
          name: "seeded",
          trigger: "new_issue",
        })
        .returning();
      ruleA = rule?.id ?? "";
      const [view] = await db
        .insert(savedViews)
        .values({ projectId: cast.projectA, name: "seeded", createdBy: cast.ids.admin })
        .returning();
      viewA = view?.id ?? "";
    });
    ({ server, seeded, cookies } = api);
  });

  afterAll(async () => {
    await api?.cleanup();
  });

  async function invoke(name: string, cookie: string, origin: string, override?: ActionCall) {
    const call = override ?? calls()[name];
    const id = ids[name];
    if (!call || !id) throw new Error(`no call or id for ${name}`);
    return invokeAction(server.url, id, call, { cookie, origin });
  }

  it("has a call for every server action of these pages", () => {
    expect(Object.keys(ids).sort()).toEqual(Object.keys(calls()).sort());
  });

  it("the encoding reaches the action (control: the owner, same origin)", async () => {
    const res = await invoke("createKeyAction", cookies.owner, server.url, {
      page: `/projects/${seeded.projectA}/settings`,
      leading: [seeded.projectA, {}],
      fields: { name: "control" },
    });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/lw_pub_[0-9A-Za-z]{22,}/);
    // A form action bound to an argument on the server (checked at the end: revoked).
    const revoke = await invoke("revokeTokenAction", cookies.owner, server.url, {
      page: "/settings/tokens",
      leading: [],
      fields: { tokenId: seeded.tokenIds.viewer },
    });
    expect(revoke.status).toBe(200);
  });

  it("TC-15: every action refuses a cross-origin call carrying the owner's cookie", async () => {
    for (const name of Object.keys(calls())) {
      const res = await invoke(name, cookies.owner, "https://evil.example");
      expect(res.status, name).toBe(500);
      expect(res.text, name).not.toMatch(/lw_pub_|lw_sec_/);
      expect(
        res.setCookie.filter((c) => c.includes("session-token")),
        name,
      ).toEqual([]);
    }
  });

  it("TC-13: a viewer's calls to admin and owner actions are refused inside the action", async () => {
    const adminOnly = [
      "createProjectAction",
      "saveSettingsAction",
      "createKeyAction",
      "revokeKeyAction",
      "deleteSourcemapUploadAction",
      "deleteProjectAction",
      "setMemberAction",
      "createTokenAction",
      "revokeTokenAction",
      "bulkChangeIssuesAction",
      "changeIssueAction",
      "deleteViewAction",
      "createChannelAction",
      "createRuleAction",
      "deleteChannelAction",
      "deleteRuleAction",
      "toggleRuleAction",
      "sendTestAction",
    ];
    const ownerOnly = [
      "inviteUserAction",
      "changeRoleAction",
      "removeUserAction",
      "resetPasswordAction",
    ];
    for (const name of [...adminOnly, ...ownerOnly]) {
      const res = await invoke(name, cookies.viewer, server.url);
      expect(res.text, name).not.toMatch(/lw_pub_|lw_sec_/);
      expect(
        res.status === 500 || /needs the (admin|owner) role|not found/i.test(res.text),
        name,
      ).toBe(true);
    }
    for (const name of ownerOnly) {
      const res = await invoke(name, cookies.admin, server.url);
      expect(res.status === 500 || /needs the owner role/.test(res.text), name).toBe(true);
    }
  });

  it("nothing changed: every refused call left the database as it was", async () => {
    await api.stopServer();
    await api.withDb(async (db) => {
      const [a] = await db.select().from(projects).where(eq(projects.id, seeded.projectA));
      expect(a?.name).toBe("Project A");
      expect(a?.retentionDays).toBe(30);
      const names = (await db.select({ name: projects.name }).from(projects)).map((p) => p.name);
      expect(names).not.toContain(`project-${tag}`);
      // setAlertEmailsAction, refused cross-origin, turned no one's alert emails on.
      const mailed = await db.select().from(users).where(eq(users.alertEmails, true));
      expect(mailed).toEqual([]);
      const keyNames = (await db.select({ name: ingestKeys.name }).from(ingestKeys)).map(
        (k) => k.name,
      );
      expect(keyNames).not.toContain(`key-${tag}`);
      const [keyA] = await db
        .select()
        .from(ingestKeys)
        .where(eq(ingestKeys.id, seeded.ingestKeyIdA));
      expect(keyA?.revokedAt).toBeNull();
      const members = await db
        .select()
        .from(projectMembers)
        .where(
          and(
            eq(projectMembers.projectId, seeded.projectB),
            eq(projectMembers.userId, seeded.ids.viewer),
          ),
        );
      expect(members).toEqual([]);
      expect(await verifyCredentials(db, cast.viewer)).toMatchObject({ role: "viewer" });
      const liveAdminToken = await db
        .select()
        .from(adminTokens)
        .where(and(eq(adminTokens.id, seeded.tokenIds.admin), isNull(adminTokens.revokedAt)));
      expect(liveAdminToken).toHaveLength(1);
      const [viewerToken] = await db
        .select()
        .from(adminTokens)
        .where(eq(adminTokens.id, seeded.tokenIds.viewer));
      expect(viewerToken?.revokedAt).toBeInstanceOf(Date); // the control did run

      expect(
        await db
          .select()
          .from(adminTokens)
          .where(eq(adminTokens.name, `token-${tag}`)),
      ).toEqual([]);
      const emails = (await db.select({ email: users.email }).from(users))
        .map((u) => u.email)
        .sort();
      expect(emails).toEqual([cast.admin.email, cast.owner.email, cast.viewer.email].sort());
      const [issue] = await db.select().from(issues).where(eq(issues.projectId, seeded.projectA));
      expect(issue?.status).toBe("unresolved");
      expect(await db.select().from(issueActivity)).toEqual([]);
      const views = await db.select().from(savedViews);
      expect(views.map((v) => v.name)).toEqual(["seeded"]);
      const channels = await db.select().from(alertChannels);
      expect(channels.map((c) => c.name)).toEqual(["seeded"]);
      const rules = await db.select().from(alertRules);
      expect(rules.map((r) => [r.name, r.enabled])).toEqual([["seeded", true]]);
      expect(await db.select().from(alertDeliveries)).toEqual([]);
    });
  });
});
