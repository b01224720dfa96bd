// TC-13 for the issues API against `npm start`'s server: every principal × every issues route,
// scope before role (a viewer's PATCH of another project's issue is 404, of its own 403),
// PATCH validation that changes nothing, CSRF on the cookie path, and the logs API's issue_id
// and `issue=` filter. The viewer is a member of project A only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IssueDto } from "@/lib/issues/dto";
import type { LogDto } from "@/lib/logs/dto";
import { backends } from "../../support/db";
import { routeHandlersInTree } from "../../support/route-tree";
import { type CastServer, startCastServer } from "../auth/fixtures";
import {
  callAs,
  expectedStatus,
  principals,
  readers,
  unauthenticated,
  type Who,
} from "../auth/principals";
import { seedIssue } from "../issues/seed-issues";

/** Expected status per route for authenticated principals, on project A's issue. */
const matrix: Record<string, { manager: number; reader: number }> = {
  "GET /api/v1/issues": { manager: 200, reader: 200 },
  "GET /api/v1/issues/[id]": { manager: 200, reader: 200 },
  "PATCH /api/v1/issues/[id]": { manager: 200, reader: 403 },
};

describe("TC-13: every issues route handler has a row in the matrix", () => {
  it("matches the file tree", () => {
    expect(routeHandlersInTree("app/api/v1/issues")).toEqual(Object.keys(matrix).sort());
  });
});

describe.each(backends())("issues API authorization on %s", (backend) => {
  let api: CastServer;
  let issueA: string;
  let issueB: string;

  beforeAll(async () => {
    api = await startCastServer(backend, async (db, seeded) => {
      issueA = await seedIssue(db, seeded.projectA, {
        key: "a",
        title: "TypeError: in A",
        withEvents: 3,
        events: 3,
        releases: ["web@1.0.0"],
      });
      issueB = await seedIssue(db, seeded.projectB, { key: "b", withEvents: 2, events: 2 });
    });
  }, 180_000);
  afterAll(async () => api?.cleanup());

  const call = (who: Who, method: string, route: string, body?: unknown, extra = {}) =>
    callAs(api, who, method, route, body, extra);
  const read = async (id: string) =>
    (await call("tokenAdmin", "GET", `/api/v1/issues/${id}`)).body.issue as IssueDto;

  it.each(principals)(
    "%s: the matrix on project A's issue; project B's by visibility",
    async (who) => {
      const got: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const [cell, want] of Object.entries(matrix)) {
        const [method = "GET", route = ""] = cell.split(" ");
        const url = route.replace("[id]", issueA);
        const res = await call(
          who,
          method,
          url,
          method === "PATCH" ? { status: "unresolved" } : undefined,
        );
        got[cell] = res.status;
        expected[cell] = expectedStatus(who, want);
        expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
        if (res.status >= 400) expect(res.body).toHaveProperty("error");
      }
      expect(got).toEqual(expected);
      if (unauthenticated.includes(who)) return;
      const seesB = who !== "viewer";
      const getB = await call(who, "GET", `/api/v1/issues/${issueB}`);
      const patchB = await call(who, "PATCH", `/api/v1/issues/${issueB}`, { status: "unresolved" });
      const listB = await call(who, "GET", `/api/v1/issues?project=${api.seeded.projectB}`);
      expect([getB.status, patchB.status, listB.status]).toEqual(
        seesB ? [200, readers.includes(who) ? 403 : 200, 200] : [404, 404, 404],
      );
      const list = await call(who, "GET", "/api/v1/issues");
      const ids = (list.body.issues as IssueDto[]).map((i) => i.id).sort();
      expect(ids).toEqual(seesB ? [issueA, issueB].sort() : [issueA]);
    },
  );

  it("foreign, missing and malformed issue ids are the same 404, before the role", async () => {
    const strip = (b: Record<string, unknown>) => ({ ...b, request_id: undefined });
    for (const method of ["GET", "PATCH"]) {
      const body = method === "PATCH" ? { status: "resolved" } : undefined;
      const answers = await Promise.all(
        [issueB, "123456789", "not-an-id"].map((id) =>
          call("viewer", method, `/api/v1/issues/${id}`, body),
        ),
      );
      for (const r of answers) expect(r.status).toBe(404);
      expect(strip(answers[0]?.body)).toEqual(strip(answers[1]?.body));
      expect(strip(answers[2]?.body)).toEqual(strip(answers[1]?.body));
    }
    expect((await read(issueB)).status).toBe("unresolved");
  });

  it("PATCH changes the status and answers the issue; a refused body changes nothing", async () => {
    const resolved = await call("admin", "PATCH", `/api/v1/issues/${issueA}`, {
      resolved_in_release: "web@2.0.0",
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.issue).toMatchObject({
      id: issueA,
      status: "resolved",
      resolved_in_release: "web@2.0.0",
      event_count: 3,
    });
    for (const body of [
      {},
      { status: "open" },
      { status: "unresolved", resolved_in_release: "1.0" },
      { ignore_until: { events: 0 } },
      { status: "ignored", extra: true },
    ]) {
      const res = await call("owner", "PATCH", `/api/v1/issues/${issueA}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe("invalid_request");
    }
    const broken = await fetch(`${api.server.url}/api/v1/issues/${issueA}`, {
      method: "PATCH",
      headers: { cookie: api.cookies.owner, "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    // CSRF: a cookie PATCH from another origin is refused before anything is read.
    const evil = await call(
      "owner",
      "PATCH",
      `/api/v1/issues/${issueA}`,
      { status: "ignored" },
      {
        origin: "https://evil.example",
      },
    );
    expect(evil.status).toBe(403);
    expect(await read(issueA)).toMatchObject({
      status: "resolved",
      resolved_in_release: "web@2.0.0",
    });
    const ignored = await call("tokenAdmin", "PATCH", `/api/v1/issues/${issueA}`, {
      ignore_until: { events: 10 },
    });
    expect(ignored.body.issue).toMatchObject({ status: "ignored", ignore_until: { events: 10 } });
    const listed = await call("viewer", "GET", "/api/v1/issues?status=ignored&release=web@1.0.0");
    expect((listed.body.issues as IssueDto[]).map((i) => i.id)).toEqual([issueA]);
    const reopened = await call("owner", "PATCH", `/api/v1/issues/${issueA}`, {
      status: "unresolved",
    });
    expect(reopened.body.issue.status).toBe("unresolved");
  });

  it("list parameters are validated: 400 invalid_request", async () => {
    for (const qs of ["status=open", "sort=title", "limit=500", "level=loud", "cursor=x.y"]) {
      const res = await call("owner", "GET", `/api/v1/issues?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(["invalid_request", "invalid_cursor"]).toContain(res.body.error);
    }
  });

  it("the logs API: every event carries issue_id; issue= lists one issue's events, 404 unless visible", async () => {
    const ofA = await call("viewer", "GET", `/api/v1/logs?issue=${issueA}`);
    expect(ofA.status).toBe(200);
    const logs = ofA.body.logs as LogDto[];
    expect(logs).toHaveLength(3);
    expect(logs.every((l) => l.issue_id === issueA)).toBe(true);
    for (const id of [issueB, "123456789", "junk"]) {
      const res = await call("viewer", "GET", `/api/v1/logs?issue=${id}`);
      expect(res.status, id).toBe(404);
    }
    const exported = await call(
      "tokenAdmin",
      "GET",
      `/api/v1/logs/export?format=ndjson&issue=${issueB}`,
    );
    expect(exported.status).toBe(200);
    const lines = exported.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as LogDto);
    expect(lines.map((l) => l.issue_id)).toEqual([issueB, issueB]);
  });
});
