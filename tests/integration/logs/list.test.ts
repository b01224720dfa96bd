import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { parseLogQuery } from "@/lib/logs/filters";
import { getLog } from "@/lib/logs/get";
import { listLogs, listNewerLogs } from "@/lib/logs/list";
import { startTail } from "@/lib/logs/tail";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs } from "./seed-logs";

function query(qs: string) {
  return parseLogQuery(new URLSearchParams(qs));
}

describe.each(backends())("listing logs on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let a: string;
  let b: string;

  beforeAll(async () => {
    db = database.db;
    a = (await createProject(db, { name: "A" })).project.id;
    b = (await createProject(db, { name: "B" })).project.id;
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));
    await seedLogs(db, a, [
      { message: "boot ok", level: "info", receivedAt: t(1), environment: "prod", release: "1.0" },
      {
        message: "slow call",
        level: "warn",
        receivedAt: t(2),
        environment: "prod",
        release: "1.1",
        sessionId: "s1",
      },
      {
        message: "TypeError: x is undefined",
        level: "error",
        receivedAt: t(3),
        stack: "at main.js:1",
        userId: "u1",
        sessionId: "s1",
      },
      {
        message: "fatal crash",
        level: "fatal",
        receivedAt: t(4),
        url: "https://app.example/checkout?step=2",
        environment: "staging",
      },
      { message: "debugging", level: "debug", receivedAt: t(5), release: "1.1" },
    ]);
    await seedLogs(db, b, [{ message: "other project secret", level: "error", receivedAt: t(6) }]);
  });

  const messages = async (qs: string, ids = [a]) => {
    const { filters, page } = query(qs);
    // Seeded in 2026-01: a search slice reaching back that far keeps `q` in one page here.
    const options = { searchWindowMs: Date.now() };
    return (await listLogs(db, { projectIds: ids }, filters, page, options)).logs.map(
      (l) => l.message,
    );
  };

  it("lists newest first, only inside the scope", async () => {
    expect(await messages("")).toEqual([
      "debugging",
      "fatal crash",
      "TypeError: x is undefined",
      "slow call",
      "boot ok",
    ]);
    expect(await messages("", [a, b])).toHaveLength(6);
    expect(await messages("", [])).toEqual([]);
    // A project filter outside the scope reads nothing (the route answers 404 before this).
    expect(await messages(`project=${b}`)).toEqual([]);
  });

  it("every filter narrows", async () => {
    expect(await messages("level=error,fatal")).toEqual([
      "fatal crash",
      "TypeError: x is undefined",
    ]);
    expect(await messages("min_level=warn")).toEqual([
      "fatal crash",
      "TypeError: x is undefined",
      "slow call",
    ]);
    expect(await messages("environment=prod")).toEqual(["slow call", "boot ok"]);
    expect(await messages("release=1.1")).toEqual(["debugging", "slow call"]);
    expect(await messages("session_id=s1")).toEqual(["TypeError: x is undefined", "slow call"]);
    expect(await messages("user_id=u1")).toEqual(["TypeError: x is undefined"]);
    expect(await messages("q=CRASH")).toEqual(["fatal crash"]);
    expect(await messages("q=main.js")).toEqual(["TypeError: x is undefined"]);
    expect(await messages("q=checkout?step")).toEqual(["fatal crash"]);
    expect(await messages("from=2026-01-01T12:00:02Z&to=2026-01-01T12:00:04Z")).toEqual([
      "TypeError: x is undefined",
      "slow call",
    ]);
    expect(await messages("min_level=error&environment=staging")).toEqual(["fatal crash"]);
  });

  it("returns the DTO shape with snake_case fields and string ids", async () => {
    const { filters, page } = query("q=fatal");
    const [log] = (
      await listLogs(db, { projectIds: [a] }, filters, page, { searchWindowMs: Date.now() })
    ).logs;
    expect(log).toMatchObject({
      project_id: a,
      level: "fatal",
      url: "https://app.example/checkout?step=2",
      received_at: "2026-01-01T12:00:04.000000Z",
      timestamp: null,
      truncated_fields: [],
      attributes: null,
    });
    expect(log?.id).toMatch(/^\d+$/);
    expect(await getLog(db, { projectIds: [a] }, log?.id ?? "")).toEqual(log);
  });

  it("get is 404-alike for foreign, missing and malformed ids", async () => {
    const { filters, page } = query("");
    const [foreign] = (await listLogs(db, { projectIds: [b] }, filters, page)).logs;
    expect(foreign).toBeDefined();
    expect(await getLog(db, { projectIds: [a] }, foreign?.id ?? "")).toBeNull();
    expect(await getLog(db, { projectIds: [a] }, "999999999")).toBeNull();
    for (const bad of ["abc", "-1", "0", "1e3", "99999999999999999999", ""]) {
      expect(await getLog(db, { projectIds: [a] }, bad)).toBeNull();
    }
  });

  it("pages with a cursor and ends with next_cursor null", async () => {
    const first = await listLogs(db, { projectIds: [a] }, query("").filters, query("limit=2").page);
    expect(first.logs.map((l) => l.message)).toEqual(["debugging", "fatal crash"]);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await listLogs(db, { projectIds: [a] }, query("").filters, {
      limit: 2,
      cursor: first.next_cursor ?? undefined,
    });
    const third = await listLogs(db, { projectIds: [a] }, query("").filters, {
      limit: 2,
      cursor: second.next_cursor ?? undefined,
    });
    expect([...second.logs, ...third.logs].map((l) => l.message)).toEqual([
      "TypeError: x is undefined",
      "slow call",
      "boot ok",
    ]);
    expect(third.next_cursor).toBeNull();
  });

  it("steps back to the newer page from an older one, bound to the scope and filters", async () => {
    const { filters } = query("");
    const scope = { projectIds: [a] };
    const first = await listLogs(db, scope, filters, { limit: 2 });
    const second = await listLogs(db, scope, filters, {
      limit: 2,
      cursor: first.next_cursor ?? undefined,
    });
    const top = second.logs[0];
    if (!top) throw new Error("no second page");
    const cursor = await startTail(db, scope, filters, { receivedAt: top.received_at, id: top.id });
    const newer = await listNewerLogs(db, scope, filters, { limit: 2, cursor });
    expect(newer.logs.map((l) => l.id)).toEqual(first.logs.map((l) => l.id));
    expect(newer.has_newer).toBe(false);
    // Its older cursor continues exactly where the first page's did.
    const again = await listLogs(db, scope, filters, {
      limit: 2,
      cursor: newer.next_cursor ?? undefined,
    });
    expect(again.logs.map((l) => l.id)).toEqual(second.logs.map((l) => l.id));
    const one = await listNewerLogs(db, scope, filters, { limit: 1, cursor });
    expect(one.logs.map((l) => l.message)).toEqual(["fatal crash"]);
    expect(one.has_newer).toBe(true);
    // Other filters or another scope refuse it, like every cursor.
    await expect(
      listNewerLogs(db, scope, query("level=error").filters, { limit: 2, cursor }),
    ).rejects.toMatchObject({ code: "invalid_cursor" });
    await expect(
      listNewerLogs(db, { projectIds: [b] }, filters, { limit: 2, cursor }),
    ).rejects.toMatchObject({ code: "invalid_cursor" });
  });

  it("serialises poison timestamps without throwing (TC-04, V-7)", async () => {
    const { project } = await createProject(db, { name: "poison" });
    await queryRows(
      db,
      sql`INSERT INTO logs (project_id, level, message, timestamp, received_at) VALUES
          (${project.id}, 30, 'inf', 'infinity', '2026-02-01T00:00:00Z'),
          (${project.id}, 30, 'neg', '-infinity', '2026-02-01T00:00:01Z'),
          (${project.id}, 30, 'far', '200000-01-01T00:00:00Z', '2026-02-01T00:00:02Z')`,
    );
    const { filters, page } = query("");
    const logs = (await listLogs(db, { projectIds: [project.id] }, filters, page)).logs;
    expect(logs.map((l) => [l.message, l.timestamp])).toEqual([
      ["far", "200000-01-01T00:00:00.000000Z"],
      ["neg", null],
      ["inf", null],
    ]);
    expect(JSON.parse(JSON.stringify(logs))).toEqual(logs);
  });
});
