// TC-13 for the read API: every principal × every logs read route, against `next start`.
// The viewer is a member of project A only; tokens, admins and owners see every project.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import type { LogDto } from "@/lib/logs/dto";
import { backends } from "../../support/db";
import { cast, seedCast, signInOverHttp } from "../auth/fixtures";
import { type ReadApiServer, startReadApiServer } from "../logs/http-fixture";
import { seedLogs } from "../logs/seed-logs";

type Who =
  | "anonymous"
  | "owner"
  | "admin"
  | "viewer"
  | "tokenAdmin"
  | "tokenViewer"
  | "revoked"
  | "ingestKey";
const everyone: Who[] = [
  "anonymous",
  "owner",
  "admin",
  "viewer",
  "tokenAdmin",
  "tokenViewer",
  "revoked",
  "ingestKey",
];
const unauthenticated: Who[] = ["anonymous", "revoked", "ingestKey"];

/** GET handlers under app/api/v1/logs, read from the file tree: a new route needs a row below. */
function readRoutesInTree(): string[] {
  const root = path.join(process.cwd(), "app/api/v1/logs");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (
        entry.name === "route.ts" &&
        /export (async function|const) GET\b|export \{ GET \}/.test(readFileSync(full, "utf8"))
      ) {
        found.push(`/${path.relative(process.cwd(), path.dirname(full)).replace(/^app\//, "")}`);
      }
    }
  };
  walk(root);
  return found.sort();
}

const routes = ["/api/v1/logs", "/api/v1/logs/[id]", "/api/v1/logs/export", "/api/v1/logs/tail"];

describe("TC-13: every logs read route is in the matrix", () => {
  it("matches the file tree", () => {
    expect(readRoutesInTree()).toEqual([...routes].sort());
  });
});

async function seed(db: Db) {
  const seeded = await seedCast(db);
  await seedLogs(db, seeded.projectA, [{ message: "in A" }]);
  await seedLogs(db, seeded.projectB, [{ message: "in B" }]);
  return seeded;
}

describe.each(backends())("logs read API authorization on %s", (backend) => {
  let api: ReadApiServer & { seeded: Awaited<ReturnType<typeof seed>> };
  const cookies: Partial<Record<Who, string>> = {};
  let ids: { a: string; b: string };

  beforeAll(async () => {
    api = await startReadApiServer(backend, seed);
    for (const who of ["owner", "admin", "viewer"] as const) {
      const cookie = await signInOverHttp(api.server.url, cast[who]);
      if (!cookie) throw new Error(`could not sign in ${who}`);
      cookies[who] = cookie;
    }
    const all = await call("tokenAdmin", "/api/v1/logs");
    const logs = all.body.logs as LogDto[];
    ids = {
      a: logs.find((l) => l.message === "in A")?.id ?? "",
      b: logs.find((l) => l.message === "in B")?.id ?? "",
    };
  }, 180_000);
  afterAll(async () => api?.cleanup());

  function headersFor(who: Who): Record<string, string> {
    const { tokens, ingestKeyA } = api.seeded;
    if (who === "owner" || who === "admin" || who === "viewer")
      return { cookie: cookies[who] ?? "" };
    if (who === "tokenAdmin") return { authorization: `Bearer ${tokens.admin}` };
    if (who === "tokenViewer") return { authorization: `Bearer ${tokens.viewer}` };
    if (who === "revoked") return { authorization: `Bearer ${tokens.revoked}` };
    if (who === "ingestKey") return { authorization: `Bearer ${ingestKeyA}` };
    return {};
  }

  async function call(who: Who, route: string) {
    const res = await fetch(api.server.url + route, { headers: headersFor(who) });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = { text };
    }
    return { status: res.status, body };
  }

  it.each(everyone)("%s: listing, one event, export and tail", async (who) => {
    const { projectA, projectB } = api.seeded;
    const cells = {
      list: `/api/v1/logs`,
      listB: `/api/v1/logs?project=${projectB}`,
      getA: `/api/v1/logs/${ids.a}`,
      getB: `/api/v1/logs/${ids.b}`,
      exportAll: `/api/v1/logs/export?format=ndjson`,
      exportB: `/api/v1/logs/export?format=ndjson&project=${projectB}`,
      tailB: `/api/v1/logs/tail?project=${projectB}`,
      tailA: `/api/v1/logs/tail?project=${projectA}`,
    };
    const got: Record<string, number> = {};
    for (const [name, route] of Object.entries(cells)) got[name] = (await call(who, route)).status;
    if (unauthenticated.includes(who)) {
      expect(Object.values(got).every((s) => s === 401)).toBe(true);
      return;
    }
    const seesB = who !== "viewer";
    expect(got).toEqual({
      list: 200,
      listB: seesB ? 200 : 404,
      getA: 200,
      getB: seesB ? 200 : 404,
      exportAll: 200,
      exportB: seesB ? 200 : 404,
      tailB: seesB ? 200 : 404,
      tailA: 200,
    });
    const listed = ((await call(who, cells.list)).body.logs as LogDto[])
      .map((l) => l.message)
      .sort();
    expect(listed).toEqual(seesB ? ["in A", "in B"] : ["in A"]);
    const ndjson = await (
      await fetch(api.server.url + cells.exportAll, { headers: headersFor(who) })
    ).text();
    const exported = ndjson
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l).message)
      .sort();
    expect(exported).toEqual(seesB ? ["in A", "in B"] : ["in A"]);
  });

  it("a foreign event, a missing event and a foreign project are indistinguishable 404s", async () => {
    const foreign = await call("viewer", `/api/v1/logs/${ids.b}`);
    const missing = await call("viewer", "/api/v1/logs/987654321");
    expect({ ...foreign.body, request_id: "" }).toEqual({ ...missing.body, request_id: "" });
    const foreignProject = await call("viewer", `/api/v1/logs?project=${api.seeded.projectB}`);
    const missingProject = await call(
      "viewer",
      "/api/v1/logs?project=01900000-0000-7000-8000-000000000000",
    );
    expect({ ...foreignProject.body, request_id: "" }).toEqual({
      ...missingProject.body,
      request_id: "",
    });
  });
});
