// TC-13 for the read API: every principal × every logs read route, against `npm start`'s server.
// The viewer is a member of project A only; tokens, admins and owners see every project.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogDto } from "@/lib/logs/dto";
import { backends } from "../../support/db";
import { routeHandlersInTree } from "../../support/route-tree";
import { type CastServer, startCastServer } from "../auth/fixtures";
import { callAs, headersFor, principals, unauthenticated, type Who } from "../auth/principals";
import { seedLogs } from "../logs/seed-logs";

const routes = ["/api/v1/logs", "/api/v1/logs/[id]", "/api/v1/logs/export", "/api/v1/logs/tail"];

describe("TC-13: every logs read route is in the matrix", () => {
  it("matches the file tree", () => {
    const gets = routeHandlersInTree("app/api/v1/logs").filter((h) => h.startsWith("GET "));
    expect(gets).toEqual(routes.map((route) => `GET ${route}`).sort());
  });
});

describe.each(backends())("logs read API authorization on %s", (backend) => {
  let api: CastServer;
  let ids: { a: string; b: string };

  beforeAll(async () => {
    api = await startCastServer(backend, async (db, seeded) => {
      await seedLogs(db, seeded.projectA, [{ message: "in A" }]);
      await seedLogs(db, seeded.projectB, [{ message: "in B" }]);
    });
    const all = await call("tokenAdmin", "/api/v1/logs");
    const logs = all.body.logs as LogDto[];
    ids = {
      a: logs.find((l) => l.message === "in A")?.id ?? "",
      b: logs.find((l) => l.message === "in B")?.id ?? "",
    };
  }, 180_000);
  afterAll(async () => api?.cleanup());

  const call = (who: Who, route: string) => callAs(api, who, "GET", route);

  it.each(principals)("%s: listing, one event, export and tail", async (who) => {
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
      await fetch(api.server.url + cells.exportAll, { headers: headersFor(api, who) })
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
