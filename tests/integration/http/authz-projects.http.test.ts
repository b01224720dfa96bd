// TC-13 authorization matrix for the projects/keys API against the real production server (`npm start`), plus
// TC-14 (proxy is not the boundary), TC-15 (CSRF) and TC-34 (crossed tokens).
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../../support/db";
import { routeHandlersInTree } from "../../support/route-tree";
import type { TestServer } from "../../support/server";
import { type CastServer, type SeededCast, startCastServer } from "../auth/fixtures";
import { callAs, expectedStatus, managers, principals, type Who } from "../auth/principals";

/** Expected status per route for authenticated principals (unauthenticated: always 401). */
const matrix: Record<string, { manager: number; reader: number }> = {
  "GET /api/v1/projects": { manager: 200, reader: 200 },
  "POST /api/v1/projects": { manager: 201, reader: 403 },
  "GET /api/v1/projects/[projectId]": { manager: 200, reader: 200 },
  "PATCH /api/v1/projects/[projectId]": { manager: 200, reader: 403 },
  "DELETE /api/v1/projects/[projectId]": { manager: 200, reader: 403 },
  "GET /api/v1/projects/[projectId]/keys": { manager: 200, reader: 403 },
  "POST /api/v1/projects/[projectId]/keys": { manager: 201, reader: 403 },
  "DELETE /api/v1/projects/[projectId]/keys/[keyId]": { manager: 200, reader: 403 },
  "GET /api/v1/projects/[projectId]/sourcemaps": { manager: 200, reader: 403 },
  // The matrix sends JSON: past authorization, an upload must be multipart (415).
  "POST /api/v1/projects/[projectId]/sourcemaps": { manager: 415, reader: 403 },
  "GET /api/v1/projects/[projectId]/alerts": { manager: 200, reader: 200 },
  "POST /api/v1/projects/[projectId]/alerts/channels": { manager: 201, reader: 403 },
  "DELETE /api/v1/projects/[projectId]/alerts/channels/[channelId]": { manager: 200, reader: 403 },
  "POST /api/v1/projects/[projectId]/alerts/rules": { manager: 201, reader: 403 },
  "PATCH /api/v1/projects/[projectId]/alerts/rules/[ruleId]": { manager: 200, reader: 403 },
  "DELETE /api/v1/projects/[projectId]/alerts/rules/[ruleId]": { manager: 200, reader: 403 },
  "GET /api/v1/projects/[projectId]/alerts/rules/[ruleId]/deliveries": {
    manager: 200,
    reader: 200,
  },
  "POST /api/v1/projects/[projectId]/alerts/rules/[ruleId]/test": { manager: 202, reader: 403 },
};

type PageOutcome = "ok" | "login" | "forbidden" | "notFound";
type PageWho = "forgedCookie" | "viewer" | "admin" | "owner";

/** Dashboard pages of this area → what each principal gets (projectA; viewer is its member). */
const pageMatrix: Record<string, Record<PageWho, PageOutcome>> = {
  "/projects": { forgedCookie: "login", viewer: "ok", admin: "ok", owner: "ok" },
  "/projects/[projectId]": { forgedCookie: "login", viewer: "ok", admin: "ok", owner: "ok" },
  "/projects/[projectId]/health": { forgedCookie: "login", viewer: "ok", admin: "ok", owner: "ok" },
  "/projects/[projectId]/alerts": { forgedCookie: "login", viewer: "ok", admin: "ok", owner: "ok" },
  "/projects/[projectId]/issues": { forgedCookie: "login", viewer: "ok", admin: "ok", owner: "ok" },
  // Not an issue id: the 404 page for everyone signed in (issues.spec.ts opens real ones).
  "/projects/[projectId]/issues/[issueId]": {
    forgedCookie: "login",
    viewer: "notFound",
    admin: "notFound",
    owner: "notFound",
  },
  "/projects/[projectId]/settings": {
    forgedCookie: "login",
    viewer: "forbidden",
    admin: "ok",
    owner: "ok",
  },
  "/settings": { forgedCookie: "login", viewer: "ok", admin: "ok", owner: "ok" },
  "/settings/account": { forgedCookie: "login", viewer: "ok", admin: "ok", owner: "ok" },
  "/settings/users": {
    forgedCookie: "login",
    viewer: "forbidden",
    admin: "forbidden",
    owner: "ok",
  },
  "/settings/tokens": { forgedCookie: "login", viewer: "forbidden", admin: "ok", owner: "ok" },
};

function pagesInTree(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "logs") walk(full);
      else if (entry.name === "page.tsx") {
        found.push(
          `/${path.relative(path.join(process.cwd(), "app/(dashboard)"), path.dirname(full))}`,
        );
      }
    }
  };
  walk(path.join(process.cwd(), "app/(dashboard)/projects"));
  walk(path.join(process.cwd(), "app/(dashboard)/settings"));
  return found.sort();
}

describe("TC-13: every dashboard page of this area has a row in the page matrix", () => {
  it("matches the file tree (the logs explorer pages have their own tests)", () => {
    expect(pagesInTree()).toEqual(Object.keys(pageMatrix).sort());
  });
});

describe("TC-13: every projects route handler has a row in the matrix", () => {
  it("matches the file tree", () => {
    expect(routeHandlersInTree("app/api/v1/projects")).toEqual(Object.keys(matrix).sort());
  });
});

describe.each(backends())("projects API authorization on %s", (backend) => {
  let server: TestServer;
  let seeded: SeededCast;
  let cookies: Record<"owner" | "admin" | "viewer", string>;
  let api: CastServer;

  beforeAll(async () => {
    api = await startCastServer(backend);
    ({ server, seeded, cookies } = api);
  });

  afterAll(async () => {
    await api?.cleanup();
  });

  const call = (who: Who, method: string, route: string, body?: unknown, extra = {}) =>
    callAs(api, who, method, route, body, extra);

  async function freshProject(): Promise<string> {
    const res = await call("owner", "POST", "/api/v1/projects", { name: "to delete" });
    expect(res.status).toBe(201);
    return res.body.project.id;
  }

  async function freshKey(projectId: string): Promise<string> {
    const res = await call("owner", "POST", `/api/v1/projects/${projectId}/keys`, { name: "k" });
    expect(res.status).toBe(201);
    return res.body.key.id;
  }

  async function freshChannel(): Promise<string> {
    const res = await call("owner", "POST", `/api/v1/projects/${seeded.projectA}/alerts/channels`, {
      kind: "webhook",
      name: "hook",
      url: "https://hooks.example.com/logwell",
    });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_/);
    return res.body.channel.id;
  }

  async function freshRule(): Promise<string> {
    const res = await call("owner", "POST", `/api/v1/projects/${seeded.projectA}/alerts/rules`, {
      name: "new issues",
      trigger: "new_issue",
      channel_id: await freshChannel(),
    });
    expect(res.status).toBe(201);
    return res.body.rule.id;
  }

  /** A valid body for an alerts cell (past authorization, a manager's call succeeds). */
  async function alertsBody(method: string, route: string): Promise<unknown> {
    if (method === "POST" && route.endsWith("/alerts/channels")) {
      return { kind: "slack", name: "ops", url: "https://hooks.slack.com/services/T/B/x" };
    }
    if (method === "POST" && route.endsWith("/alerts/rules")) {
      return { name: "regressions", trigger: "regression", channel_id: await freshChannel() };
    }
    if (method === "PATCH") return { enabled: false };
    return undefined;
  }

  /** Sends one cell of the matrix against project A (or fresh rows for destructive cells). */
  async function sendCell(who: Who, cell: string) {
    const [method = "GET", route = ""] = cell.split(" ");
    const allowedToDestroy = managers.includes(who);
    let projectId = seeded.projectA;
    if (cell === "DELETE /api/v1/projects/[projectId]" && allowedToDestroy)
      projectId = await freshProject();
    let url = route.replace("[projectId]", projectId);
    if (route.includes("[keyId]")) url = url.replace("[keyId]", await freshKey(seeded.projectA));
    if (route.includes("[channelId]")) url = url.replace("[channelId]", await freshChannel());
    if (route.includes("[ruleId]")) url = url.replace("[ruleId]", await freshRule());
    if (route.includes("/alerts")) return call(who, method, url, await alertsBody(method, route));
    const body =
      method === "POST" && route === "/api/v1/projects"
        ? { name: `made by ${who}` }
        : method === "PATCH"
          ? { retention_days: 14 }
          : method === "POST"
            ? { name: `key by ${who}` }
            : undefined;
    return call(who, method, url, body);
  }

  for (const who of principals) {
    it(`TC-13: ${who} gets the expected status on every route`, async () => {
      const results: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const [cell, want] of Object.entries(matrix)) {
        const res = await sendCell(who, cell);
        results[cell] = res.status;
        expected[cell] = expectedStatus(who, want);
        expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
        if (res.status >= 400) expect(res.body).toHaveProperty("error");
      }
      expect(results).toEqual(expected);
    });
  }

  it("alerts: a webhook secret once, channel URLs never; another project's channel is refused", async () => {
    const base = `/api/v1/projects/${seeded.projectA}/alerts`;
    const url = "https://hooks.slack.com/services/T0/B0/tokenpart";
    const slack = await call("admin", "POST", `${base}/channels`, {
      kind: "slack",
      name: "s",
      url,
    });
    expect([slack.status, slack.body.secret, slack.body.channel.host]).toEqual([
      201,
      null,
      "hooks.slack.com",
    ]);
    const hook = await call("admin", "POST", `${base}/channels`, {
      kind: "webhook",
      name: "w",
      url: "https://example.com/hook",
    });
    expect(hook.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await call("viewer", "GET", base);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain("tokenpart");
    expect(read.text).not.toContain(hook.body.secret);
    expect(read.text).not.toContain("whsec_");
    const refused = await call("admin", "POST", `${base}/channels`, {
      kind: "webhook",
      name: "x",
      url: "file:///etc/passwd",
    });
    expect(refused.status).toBe(400);
    // A channel of project B named in a rule of project A: a bad body, not a rule.
    const other = await call(
      "owner",
      "POST",
      `/api/v1/projects/${seeded.projectB}/alerts/channels`,
      {
        kind: "webhook",
        name: "b",
        url: "https://example.com/b",
      },
    );
    const crossed = await call("owner", "POST", `${base}/rules`, {
      name: "crossed",
      trigger: "new_issue",
      channel_id: other.body.channel.id,
    });
    expect(crossed.status).toBe(400);
    const rule = await call("owner", "POST", `${base}/rules`, {
      name: "ok",
      trigger: "new_issue",
      channel_id: hook.body.channel.id,
    });
    // Scope before role: project B's rule log through project A's path is 404.
    const foreign = await call(
      "owner",
      "GET",
      `/api/v1/projects/${seeded.projectB}/alerts/rules/${rule.body.rule.id}/deliveries`,
    );
    expect(foreign.status).toBe(404);
    const test = await call("admin", "POST", `${base}/rules/${rule.body.rule.id}/test`);
    expect([test.status, test.body.delivery.kind, test.body.delivery.state]).toEqual([
      202,
      "test",
      "pending",
    ]);
    const log = await call("viewer", "GET", `${base}/rules/${rule.body.rule.id}/deliveries`);
    expect(log.body.deliveries.map((d: { id: string }) => d.id)).toContain(test.body.delivery.id);
  });

  it("TC-13: DTOs never carry hashes", async () => {
    const list = await call("owner", "GET", `/api/v1/projects/${seeded.projectA}/keys`);
    expect(JSON.stringify(list.body)).not.toMatch(/hash/i);
    expect(list.body.keys[0]).toHaveProperty("prefix");
    // The ingest key itself is public and listed whole (like a Sentry DSN).
    expect(list.body.keys.map((k: { ingest_key: string }) => k.ingest_key)).toContain(
      seeded.ingestKeyA,
    );
    const created = await call("owner", "POST", "/api/v1/projects", { name: "dto" });
    expect(created.body.ingest_key).toMatch(/^lw_pub_[0-9A-Za-z]{22,}$/);
    expect(created.body.key.ingest_key).toBe(created.body.ingest_key);
    expect(JSON.stringify(created.body)).not.toMatch(/hash/i);
  });

  it("a project has a number, and a new key comes with its Sentry DSN on the public origin", async () => {
    const host = new URL(server.url).host;
    const created = await call("tokenAdmin", "POST", "/api/v1/projects", { name: "dsn" });
    const { number } = created.body.project;
    expect(Number.isInteger(number) && number > 0).toBe(true);
    expect(created.body.sentry_dsn).toBe(`http://${created.body.ingest_key}@${host}/${number}`);
    const read = await call("tokenViewer", "GET", `/api/v1/projects/${created.body.project.id}`);
    expect(read.body.project.number).toBe(number);
    const list = await call("owner", "GET", "/api/v1/projects");
    const numbers = list.body.projects.map((p: { number: number }) => p.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Behind a proxy: the forwarded scheme and host, as the browser reached the deployment.
    const key = await call(
      "tokenAdmin",
      "POST",
      `/api/v1/projects/${created.body.project.id}/keys`,
      { name: "mobile" },
      { "x-forwarded-proto": "https", "x-forwarded-host": "logs.example.com" },
    );
    expect(key.status).toBe(201);
    expect(key.body.sentry_dsn).toBe(`https://${key.body.ingest_key}@logs.example.com/${number}`);
  });

  it("TC-13/AUTH-3: a viewer sees only member projects; foreign and missing ids are 404 alike", async () => {
    const list = await call("viewer", "GET", "/api/v1/projects");
    expect(list.body.projects.map((p: { id: string }) => p.id)).toEqual([seeded.projectA]);
    const missing = "0190a0a0-0000-7000-8000-000000000000";
    for (const [method, suffix, body] of [
      ["GET", "", undefined],
      ["PATCH", "", { retention_days: 3 }],
      ["DELETE", "", undefined],
      ["POST", "/keys", {}],
    ] as const) {
      const foreign = await call(
        "viewer",
        method,
        `/api/v1/projects/${seeded.projectB}${suffix}`,
        body,
      );
      const absent = await call("viewer", method, `/api/v1/projects/${missing}${suffix}`, body);
      const malformed = await call("viewer", method, `/api/v1/projects/not-a-uuid${suffix}`, body);
      for (const r of [foreign, absent, malformed]) expect(r.status).toBe(404);
      const strip = (b: Record<string, unknown>) => ({ ...b, request_id: undefined });
      expect(strip(foreign.body)).toEqual(strip(absent.body));
      expect(strip(malformed.body)).toEqual(strip(absent.body));
    }
    // An admin's 404 for a missing id looks the same as well.
    const adminMissing = await call("admin", "GET", `/api/v1/projects/${missing}`);
    expect(adminMissing.status).toBe(404);
  });

  it("a key id from another project is 404 and stays live", async () => {
    const keyOfB = await freshKey(seeded.projectB);
    const wrongProject = await call(
      "admin",
      "DELETE",
      `/api/v1/projects/${seeded.projectA}/keys/${keyOfB}`,
    );
    expect(wrongProject.status).toBe(404);
    const keys = await call("admin", "GET", `/api/v1/projects/${seeded.projectB}/keys`);
    const key = keys.body.keys.find((k: { id: string }) => k.id === keyOfB);
    expect(key.revoked_at).toBeNull();
  });

  it("validates bodies: 400 with issues, never 500", async () => {
    for (const body of [
      {},
      { name: "" },
      { name: "x", retention_days: 0 },
      { name: "x", extra: 1 },
    ]) {
      const res = await call("owner", "POST", "/api/v1/projects", body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("invalid_request");
    }
    const bad = await fetch(`${server.url}/api/v1/projects`, {
      method: "POST",
      headers: { cookie: cookies.owner, "content-type": "application/json" },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    const huge = await fetch(`${server.url}/api/v1/projects`, {
      method: "POST",
      headers: { cookie: cookies.owner, "content-type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(70_000) }),
    });
    expect(huge.status).toBe(413);
    const origins = await call("owner", "PATCH", `/api/v1/projects/${seeded.projectA}`, {
      allowed_origins: ["https://ok.example", "javascript:alert(1)"],
    });
    expect(origins.status).toBe(400);
  });

  it("TC-15: a cross-origin POST with a valid session cookie is refused and changes nothing", async () => {
    const evil = await call(
      "owner",
      "POST",
      "/api/v1/projects",
      { name: "csrf-made" },
      {
        origin: "https://evil.example",
      },
    );
    expect(evil.status).toBe(403);
    const patch = await call(
      "owner",
      "PATCH",
      `/api/v1/projects/${seeded.projectA}`,
      { name: "pwned" },
      {
        origin: "https://evil.example",
      },
    );
    expect(patch.status).toBe(403);
    const del = await call("owner", "DELETE", `/api/v1/projects/${seeded.projectA}`, undefined, {
      origin: "null",
    });
    expect(del.status).toBe(403);
    const crossSite = await call(
      "owner",
      "POST",
      "/api/v1/projects",
      { name: "csrf-made" },
      {
        "sec-fetch-site": "cross-site",
      },
    );
    expect(crossSite.status).toBe(403);
    const list = await call("owner", "GET", "/api/v1/projects");
    const names = list.body.projects.map((p: { name: string }) => p.name);
    expect(names).not.toContain("csrf-made");
    expect(names).not.toContain("pwned");
    // Our own origin passes.
    const same = await call(
      "owner",
      "POST",
      "/api/v1/projects",
      { name: "same-origin" },
      {
        origin: server.url,
      },
    );
    expect(same.status).toBe(201);
    // A token is not a cookie: no Origin check applies to it (scripts have no Origin).
    const token = await call(
      "tokenAdmin",
      "POST",
      "/api/v1/projects",
      { name: "by token" },
      {
        origin: "https://evil.example",
      },
    );
    expect(token.status).toBe(201);
  });

  it("TC-14: x-middleware-subrequest does not skip any check", async () => {
    const bypass = { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" };
    const api = await call("anonymous", "GET", "/api/v1/projects", undefined, bypass);
    expect(api.status).toBe(401);
    const page = await fetch(`${server.url}/projects/${seeded.projectA}/settings`, {
      headers: bypass,
      redirect: "manual",
    });
    expect([302, 303, 307]).toContain(page.status);
    expect(page.headers.get("location")).toContain("/login");
    // A viewer's page request for a foreign project is a 404 from the page itself.
    const foreign = await fetch(`${server.url}/projects/${seeded.projectB}/settings`, {
      headers: { ...bypass, cookie: cookies.viewer },
      redirect: "manual",
    });
    // The project layout checks access above the loading boundary, so this is a real 404.
    expect(foreign.status).toBe(404);
    const html = await foreign.text();
    expect(html).toContain("you do not have access to it");
    expect(html).not.toContain("Project B");
  });

  it("TC-13: pages check the session and role themselves (a forged cookie passes the proxy only)", async () => {
    const seen: Record<string, Record<string, PageOutcome>> = {};
    for (const [route, expected] of Object.entries(pageMatrix)) {
      seen[route] = {};
      for (const who of Object.keys(expected) as PageWho[]) {
        const cookie = who === "forgedCookie" ? "authjs.session-token=forged" : cookies[who];
        const res = await fetch(server.url + route.replace("[projectId]", seeded.projectA), {
          headers: { cookie },
          redirect: "manual",
        });
        const html = res.status === 200 || res.status >= 400 ? await res.text() : "";
        const location = res.headers.get("location") ?? "";
        // By the HTTP status alone: a refused page answers 403 or 404 itself (no loading.tsx
        // boundary sits above these pages to stream a 200 before the refusal).
        const outcome: PageOutcome = location.includes("/login")
          ? "login"
          : res.status === 403
            ? "forbidden"
            : res.status === 404
              ? "notFound"
              : res.status < 400
                ? "ok"
                : "notFound";
        (seen[route] as Record<string, PageOutcome>)[who] = outcome;
        // A refused page never carries the page's own content (its forms, its project).
        if (outcome !== "ok") {
          expect(html).not.toMatch(/Invite a teammate|New token|Delete project/);
        }
      }
    }
    expect(seen).toEqual(pageMatrix);
  });

  it("TC-34: an lw_pub_ key never reads, even with a session cookie beside it", async () => {
    const res = await call("ingestKeyAsBearer", "GET", "/api/v1/projects", undefined, {
      cookie: cookies.owner,
    });
    expect(res.status).toBe(401);
  });
});
