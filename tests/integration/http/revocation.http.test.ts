// Access ends when it should, through the real Auth.js and server actions of the built app
// (issue: tokens outliving their creator, sessions that could not be revoked).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../../support/db";
import { type ActionCall, actionIds, invokeAction } from "../../support/server-actions";
import { type CastServer, cast, signInOverHttp, startCastServer } from "../auth/fixtures";

describe.each(backends())("access ends over HTTP on %s", (backend) => {
  let api: CastServer;
  const ids = actionIds();

  beforeAll(async () => {
    api = await startCastServer(backend);
  });
  afterAll(async () => {
    await api?.cleanup();
  });

  const url = (path: string) => api.server.url + path;
  async function action(name: string, call: ActionCall, cookie: string) {
    const id = ids[name];
    if (!id) throw new Error(`no action ${name}`);
    const res = await invokeAction(api.server.url, id, call, { cookie });
    expect(res.status, `${name}: ${res.text.slice(0, 300)}`).toBeLessThan(400);
    return res;
  }
  const changeRole = (userId: string, role: string) =>
    action(
      "changeRoleAction",
      { page: "/settings/users", leading: [{}], fields: { userId, role } },
      api.cookies.owner,
    );
  async function dashboardToken(cookie: string, name: string): Promise<string> {
    const made = await action(
      "createTokenAction",
      { page: "/settings/tokens", leading: [{}], fields: { name, role: "admin" } },
      cookie,
    );
    const token = /lw_sec_[0-9A-Za-z]{24}/.exec(made.text)?.[0];
    if (!token) throw new Error(`no token in ${made.text.slice(0, 300)}`);
    return token;
  }
  const createProject = (authorization: string, name: string) =>
    fetch(url("/api/v1/projects"), {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ name }),
    }).then((r) => r.status);
  const allowOrigin = (authorization: string) =>
    fetch(url(`/api/v1/projects/${api.seeded.projectB}`), {
      method: "PATCH",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ allowed_origins: ["https://app.example"] }),
    }).then((r) => r.status);
  const listProjects = (cookie: string) =>
    fetch(url("/api/v1/projects"), { headers: { cookie } }).then((r) => r.status);

  it("an admin's token stops working when the admin is demoted to viewer, and stays dead", async () => {
    const token = `Bearer ${await dashboardToken(api.cookies.admin, "deploy")}`;
    expect(await createProject(token, "made by a token")).toBe(201);
    await changeRole(api.seeded.ids.admin, "viewer");
    expect(await allowOrigin(token)).toBe(401);
    await changeRole(api.seeded.ids.admin, "admin");
    expect(await allowOrigin(token)).toBe(401);
    // The tokens page says who made it.
    const page = await fetch(url("/settings/tokens"), { headers: { cookie: api.cookies.owner } });
    expect(await page.text()).toContain(`created by ${cast.admin.email}`);
  });

  it("an admin's token stops working when the owner removes the admin; the page says so", async () => {
    const token = `Bearer ${await dashboardToken(api.cookies.admin, "nightly")}`;
    expect(await allowOrigin(token)).toBe(200);
    await action(
      "removeUserAction",
      { page: "/settings/users", leading: [{}], fields: { userId: api.seeded.ids.admin } },
      api.cookies.owner,
    );
    expect(await createProject(token, "after removal")).toBe(401);
    // The removed admin's own session ended with their row.
    expect(await listProjects(api.cookies.admin)).toBe(401);
    const page = await fetch(url("/settings/tokens"), { headers: { cookie: api.cookies.owner } });
    expect(await page.text()).toContain("creator removed");
  });

  it("sign-out ends that session: a copied cookie stops working, other browsers go on", async () => {
    const copied = await signInOverHttp(api.server.url, cast.viewer);
    if (!copied) throw new Error("sign-in failed");
    expect(await listProjects(copied)).toBe(200);
    const csrf = await fetch(url("/api/auth/csrf"), { headers: { cookie: copied } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
    const out = await fetch(url("/api/auth/signout"), {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: [copied, ...csrfCookie].join("; "),
      },
      body: new URLSearchParams({ csrfToken, callbackUrl: url("/login") }),
    });
    expect(out.status).toBe(302);
    expect(await listProjects(copied)).toBe(401);
    expect(await listProjects(api.cookies.viewer)).toBe(200);
  });

  it("the dashboard's Sign out (a server action) ends the session the same way", async () => {
    const copied = await signInOverHttp(api.server.url, cast.viewer);
    if (!copied) throw new Error("sign-in failed");
    expect(await listProjects(copied)).toBe(200);
    await action("signOutAction", { page: "/projects", leading: [] }, copied);
    expect(await listProjects(copied)).toBe(401);
  });

  it("a password change signs out every other session, and keeps the one that made it", async () => {
    const other = await signInOverHttp(api.server.url, cast.viewer);
    if (!other) throw new Error("sign-in failed");
    await action(
      "changePasswordAction",
      {
        page: "/settings/account",
        leading: [{}],
        fields: {
          current: cast.viewer.password,
          next: "changed-password-1",
          confirm: "changed-password-1",
        },
      },
      api.cookies.viewer,
    );
    expect(await listProjects(other)).toBe(401);
    expect(await listProjects(api.cookies.viewer)).toBe(200);
  });

  it("“sign out of all devices” ends every session of the user, this one too", async () => {
    const other = await signInOverHttp(api.server.url, cast.owner);
    if (!other) throw new Error("sign-in failed");
    const page = await fetch(url("/settings/account"), { headers: { cookie: other } });
    expect(await page.text()).toContain("Sign out of all devices");
    await action("signOutEverywhereAction", { page: "/settings/account", leading: [] }, other);
    expect(await listProjects(other)).toBe(401);
    expect(await listProjects(api.cookies.owner)).toBe(401);
  });

  it("an owner's reset ends the user's sessions; its link sets a password that signs in", async () => {
    const owner = await signInOverHttp(api.server.url, cast.owner);
    const viewer = await signInOverHttp(api.server.url, {
      email: cast.viewer.email,
      password: "changed-password-1",
    });
    if (!owner || !viewer) throw new Error("sign-in failed");
    const reset = await action(
      "resetPasswordAction",
      { page: "/settings/users", leading: [{}], fields: { userId: api.seeded.ids.viewer } },
      owner,
    );
    const token = /\/set-password\/([A-Za-z0-9_-]{32})/.exec(reset.text)?.[1] ?? "";
    expect(token).not.toBe("");
    expect(await listProjects(viewer)).toBe(401);
    const page = await fetch(url(`/set-password/${token}`));
    expect(await page.text()).toContain("Choose a new password");
    await action(
      "setPasswordAction",
      {
        page: `/set-password/${token}`,
        leading: [token, {}],
        fields: { password: "after-reset-pass-1", confirm: "after-reset-pass-1" },
      },
      "",
    );
    const again = await signInOverHttp(api.server.url, {
      email: cast.viewer.email,
      password: "after-reset-pass-1",
    });
    expect(again).not.toBeNull();
    expect(await listProjects(again ?? "")).toBe(200);
    // Used once: the page now says so.
    expect(await (await fetch(url(`/set-password/${token}`))).text()).toContain(
      "This link no longer works",
    );
  });
});
