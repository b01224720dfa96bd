import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { type LogDto, logDtoSchema } from "@/lib/logs/dto";
import { csvColumns } from "@/lib/logs/export-format";
import { parseCsvStrict } from "../../support/csv";
import { backends } from "../../support/db";
import {
  createAdminToken,
  createProject,
  type ReadApiServer,
  startReadApiServer,
} from "../logs/http-fixture";
import { seedLogs } from "../logs/seed-logs";

// The read API against the real production server (`npm start`) (docs/api.md "Read and manage API"; TC-11, TC-16, TC-17).

const hostileCells = [
  '=HYPERLINK("http://evil.example","click")',
  "+1+1",
  "-2+3",
  "@SUM(A1:A2)",
  "\t=1+1",
  "\r=1+1",
  "   =1+1",
  "=cmd|' /C calc'!A0",
];
const benignCells = ["hello, world", 'say "hi"', "multi\nline", "Ünïcode 日本語", "50% off_now\\"];
const exportCap = 10;

async function seed(db: Db) {
  const a = (await createProject(db, { name: "Αθήνα 日本 shop" })).project;
  const b = (await createProject(db, { name: "big" })).project;
  const base = Date.UTC(2026, 0, 1, 12);
  await seedLogs(
    db,
    a.id,
    [...hostileCells, ...benignCells].map((message, i) => ({
      message,
      receivedAt: new Date(base + i * 1000),
      level: i % 2 ? "error" : "info",
      url: i === 0 ? "=1+2" : "https://app.example/x",
      attributes: { cell: message },
    })),
  );
  await seedLogs(
    db,
    b.id,
    Array.from({ length: 25 }, (_, i) => ({ message: `b-${i}`, receivedAt: new Date(base + i) })),
  );
  const admin = (await createAdminToken(db, { name: "reader", role: "viewer" }, "cli")).token;
  const { key } = await createProject(db, { name: "ingest target" });
  return { a: a.id, b: b.id, admin, ingestKey: key };
}

describe.each(backends())("read API on npm start (%s)", (backend) => {
  let api: ReadApiServer & { seeded: Awaited<ReturnType<typeof seed>> };
  let base: string;
  const get = (path: string, token: string | null = api.seeded.admin) =>
    fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const getJson = async (path: string, token?: string | null) => {
    const res = await get(path, token);
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, res };
  };

  beforeAll(async () => {
    api = await startReadApiServer(backend, seed, {
      LOGWELL_EXPORT_MAX_ROWS: String(exportCap),
      // The seeded events are from 2026-01: one search slice reaches them (slices: search-window.test).
      LOGWELL_SEARCH_WINDOW_HOURS: "100000",
    });
    base = api.server.url;
  }, 180_000);
  afterAll(async () => api?.cleanup());

  it("refuses anonymous callers and ingest keys (401)", async () => {
    for (const path of [
      "/api/v1/logs",
      "/api/v1/logs/1",
      "/api/v1/logs/export",
      "/api/v1/logs/tail",
    ]) {
      expect((await get(path, null)).status).toBe(401);
      expect((await get(path, api.seeded.ingestKey)).status).toBe(401);
    }
  });

  it("lists newest first in the documented shape, across visible projects", async () => {
    const { status, body, res } = await getJson(`/api/v1/logs?project=${api.seeded.a}&limit=200`);
    expect(status).toBe(200);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const logs = (body.logs as unknown[]).map((l) => logDtoSchema.parse(l));
    expect(logs).toHaveLength(hostileCells.length + benignCells.length);
    expect(logs[0]?.message).toBe(benignCells.at(-1));
    expect(body.next_cursor).toBeNull();
    const all = await getJson("/api/v1/logs?limit=200");
    expect((all.body.logs as LogDto[]).length).toBe(logs.length + 25);
  });

  it("filters narrow, and search is literal", async () => {
    const count = async (qs: string) =>
      ((await getJson(`/api/v1/logs?project=${api.seeded.a}&${qs}`)).body.logs as LogDto[]).length;
    expect(await count("level=error")).toBe(6);
    expect(await count("min_level=error")).toBe(6);
    expect(await count(`q=${encodeURIComponent("50%")}`)).toBe(1);
    expect(await count(`q=${encodeURIComponent("%")}`)).toBe(1);
    expect(await count(`q=${encodeURIComponent("_now\\")}`)).toBe(1);
    expect(await count("from=2026-01-01T12:00:02Z&to=2026-01-01T12:00:04Z")).toBe(2);
  });

  it("reads the query syntax in q, and answers a parse error with its position", async () => {
    const count = async (q: string) =>
      (
        (await getJson(`/api/v1/logs?project=${api.seeded.a}&q=${encodeURIComponent(q)}`)).body
          .logs as LogDto[]
      ).length;
    expect(await count("level:error")).toBe(6);
    expect(await count("level:>=error -level:error")).toBe(0);
    for (const path of ["/api/v1/logs", "/api/v1/logs/export", "/api/v1/logs/tail"]) {
      const { status, body } = await getJson(
        `${path}?q=${encodeURIComponent('level:error "open')}`,
      );
      expect([path, status, body.error]).toEqual([path, 400, "invalid_request"]);
      expect(body.errors).toEqual([
        { field: "q", position: 13, message: expect.stringContaining("unterminated quote") },
      ]);
    }
  });

  it("answers 400 invalid_request for bad parameters", async () => {
    for (const qs of [
      `q=${"x".repeat(10_000)}`,
      "level=info,bogus",
      `level=${"info,".repeat(200)}`,
      "from=2024-02-30T00:00:00Z",
      "from=yesterday",
      "limit=500",
      "limit=0",
      "project=not-a-uuid",
    ]) {
      const { status, body } = await getJson(`/api/v1/logs?${qs}`);
      if (qs.startsWith("project=")) {
        expect(status).toBe(404);
        continue;
      }
      expect([qs, status, body.error]).toEqual([qs, 400, "invalid_request"]);
    }
  });

  it("pages with cursors; tampered or foreign cursors are 400 invalid_cursor (TC-16)", async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const qs: string = `project=${api.seeded.b}&limit=4${cursor ? `&cursor=${cursor}` : ""}`;
      const { body } = await getJson(`/api/v1/logs?${qs}`);
      ids.push(...(body.logs as LogDto[]).map((l) => l.id));
      cursor = body.next_cursor as string | null;
      if (!cursor) break;
    }
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    const first = await getJson(`/api/v1/logs?project=${api.seeded.b}&limit=4`);
    const good = first.body.next_cursor as string;
    const tampered = `${good.slice(0, 10)}${good[10] === "A" ? "B" : "A"}${good.slice(11)}`;
    for (const qs of [
      `project=${api.seeded.b}&limit=4&cursor=${tampered}`,
      `project=${api.seeded.a}&limit=4&cursor=${good}`,
      `project=${api.seeded.b}&level=info&limit=4&cursor=${good}`,
      `project=${api.seeded.b}&cursor=not-a-cursor`,
    ]) {
      const { status, body } = await getJson(`/api/v1/logs?${qs}`);
      expect([status, body.error]).toEqual([400, "invalid_cursor"]);
    }
  });

  it("gets one event; missing, malformed and unknown ids are the same 404", async () => {
    const { body } = await getJson(`/api/v1/logs?project=${api.seeded.a}&limit=1`);
    const [log] = body.logs as LogDto[];
    const one = await getJson(`/api/v1/logs/${log?.id}`);
    expect(one.status).toBe(200);
    // The one-event answer adds the stack read with source maps (null: this event has none).
    expect(one.body).toEqual({
      ...log,
      symbolicated_stack: log?.stack ? expect.any(Object) : null,
    });
    const missing = await getJson("/api/v1/logs/999999999");
    const malformed = await getJson("/api/v1/logs/abc");
    expect(missing.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect({ ...missing.body, request_id: "" }).toEqual({ ...malformed.body, request_id: "" });
  });

  it("exports CSV with neutralised formulas and safe headers (TC-11)", async () => {
    const res = await get(`/api/v1/logs/export?format=csv&project=${api.seeded.a}&min_level=trace`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(
      /^attachment; filename="logwell-[A-Za-z0-9._-]+\.csv"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? "")).toContain("Αθήνα-日本-shop");
    const rows = parseCsvStrict(await res.text());
    expect(rows[0]).toEqual([...csvColumns]);
    const message = csvColumns.indexOf("message");
    const body = rows.slice(1);
    // 13 events but the cap is 10: the last row says so.
    expect(body).toHaveLength(exportCap + 1);
    expect(body.at(-1)?.[0]).toBe("#truncated");
    let checked = 0;
    for (const row of body.slice(0, -1)) {
      for (const cell of row) {
        checked++;
        const first = cell.trimStart().charAt(0);
        if (["=", "+", "-", "@"].includes(first) || ["\t", "\r"].includes(cell.charAt(0))) {
          expect(cell.startsWith("'")).toBe(true);
        }
      }
      const value = row[message] ?? "";
      if (benignCells.includes(value)) continue;
      expect(hostileCells).toContain(value.slice(1));
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("exports NDJSON and JSON, stops at the row cap and continues by cursor (TC-12)", async () => {
    const nd = await get(`/api/v1/logs/export?format=ndjson&project=${api.seeded.b}`);
    expect(nd.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await nd.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(exportCap + 1);
    const tail = lines.at(-1) as { truncated: boolean; next_cursor: string };
    expect(tail.truncated).toBe(true);
    const json = await get(
      `/api/v1/logs/export?format=json&project=${api.seeded.b}&cursor=${tail.next_cursor}`,
    );
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const doc = (await json.json()) as { logs: LogDto[]; truncated: boolean; next_cursor: string };
    expect(doc.logs).toHaveLength(exportCap);
    expect(doc.logs[0]?.message).toBe("b-14");
    const rest = await get(
      `/api/v1/logs/export?format=json&project=${api.seeded.b}&cursor=${doc.next_cursor}`,
    );
    const last = (await rest.json()) as { logs: LogDto[]; truncated: boolean; next_cursor: null };
    expect(last.logs.map((l) => l.message)).toEqual(["b-4", "b-3", "b-2", "b-1", "b-0"]);
    expect(last.truncated).toBe(false);
    expect(last.next_cursor).toBeNull();
    expect((await get("/api/v1/logs/export?format=xml")).status).toBe(400);
  });

  it("tails: an event ingested after the start shows up once", async () => {
    const { body: start } = await getJson(`/api/v1/logs/tail`);
    let cursor = start.cursor as string;
    const ingest = await fetch(`${base}/api/v1/logs`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-logwell-key": api.seeded.ingestKey },
      body: JSON.stringify({ message: "tailed event", id: "tail-1" }),
    });
    expect(ingest.status).toBe(202);
    const seen: string[] = [];
    // Bounded polling: the tail holds rows back ~2 s so late commits are never skipped.
    for (let i = 0; i < 30 && !seen.includes("tailed event"); i++) {
      await new Promise((r) => setTimeout(r, 500));
      const { body } = await getJson(`/api/v1/logs/tail?cursor=${cursor}`);
      seen.push(...(body.logs as LogDto[]).map((l) => l.message));
      cursor = body.cursor as string;
    }
    const { body: again } = await getJson(`/api/v1/logs/tail?cursor=${cursor}`);
    expect(seen.filter((m) => m === "tailed event")).toHaveLength(1);
    expect(again.logs).toEqual([]);
  });
});
