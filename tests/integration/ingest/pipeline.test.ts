import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { resetEnvCache } from "@/lib/env";
import { backends } from "../../support/db";
import { type SeededProject, seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "./post-helper";

// The whole POST pipeline (ingestLogs) without an HTTP server, on every backend: what is stored
// and which server-added facts go with it.
describe.each(backends())("ingest pipeline on %s", (backend) => {
  const database = useTestDatabase(backend);
  let project: SeededProject;
  beforeAll(async () => {
    project = await seedProject(database.db, { rateLimitPerIpPerMinute: 100_000 });
  });
  afterEach(() => {
    delete process.env.LOGWELL_TRUSTED_PROXY_HEADER;
    delete process.env.VERCEL;
    resetEnvCache();
  });

  const rowsOf = (requestId: unknown) =>
    queryRows<Record<string, unknown>>(
      database.db,
      sql`select message, level, attributes, user_agent, client_ip, country, normalized_fields,
                 truncated_fields, "timestamp"
          from logs where request_id = ${String(requestId)} order by id`,
    );

  it("stores a batch and reports accepted, duplicates and rejected", async () => {
    const res = await postLogs(
      database.db,
      JSON.stringify([
        { id: "a1", message: "hello", level: "WARNING", extra: { deep: true } },
        { message: "" },
        { id: "a1", message: "repeat inside the request" },
        { message: "no id", timestamp: "2024-02-30T00:00:00Z" },
      ]),
      { key: project.key, headers: { "user-agent": "test-agent/1.0" } },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 1 });
    expect(res.body.errors).toEqual([{ index: 1, message: expect.any(String) }]);
    const rows = await rowsOf(res.body.request_id);
    expect(rows).toEqual([
      expect.objectContaining({
        message: "hello",
        level: 40,
        attributes: { extra: { deep: true } },
        user_agent: "test-agent/1.0",
        normalized_fields: null,
      }),
      expect.objectContaining({
        message: "no id",
        level: 30,
        attributes: null,
        timestamp: null,
        normalized_fields: ["timestamp"],
      }),
    ]);
  });

  it("attributes.user_agent overrides the request header for that event only", async () => {
    const res = await postLogs(
      database.db,
      JSON.stringify([
        { message: "a", attributes: { user_agent: "MyApp/2 (iOS)" } },
        { message: "b" },
      ]),
      { key: project.key, headers: { "user-agent": "relay/1" } },
    );
    const rows = await rowsOf(res.body.request_id);
    expect(rows.map((r) => r.user_agent)).toEqual(["MyApp/2 (iOS)", "relay/1"]);
  });

  it.each([
    ["truncated", "203.0.113.77", "203.0.113.0"],
    ["truncated", "2001:db8:abcd:12::1", "2001:db8:abcd::"],
    ["full", "203.0.113.77", "203.0.113.77"],
    ["none", "203.0.113.77", null],
  ] as const)("client IP stored per ip_storage=%s (%s)", async (mode, ip, stored) => {
    process.env.LOGWELL_TRUSTED_PROXY_HEADER = "x-test-client-ip";
    resetEnvCache();
    const own = await seedProject(database.db, {
      ipStorage: mode,
      rateLimitPerIpPerMinute: 100_000,
    });
    const res = await postLogs(database.db, JSON.stringify({ message: "ip" }), {
      key: own.key,
      headers: { "x-test-client-ip": ip },
    });
    const [row] = await rowsOf(res.body.request_id);
    expect(row?.client_ip).toBe(stored);
  });

  it("country only from Vercel's header, and only on Vercel", async () => {
    const headers = { "x-vercel-ip-country": "DE" };
    const off = await postLogs(database.db, JSON.stringify({ message: "c" }), {
      key: project.key,
      headers,
    });
    expect((await rowsOf(off.body.request_id))[0]?.country).toBeNull();
    process.env.VERCEL = "1";
    resetEnvCache();
    const on = await postLogs(database.db, JSON.stringify({ message: "c" }), {
      key: project.key,
      headers,
    });
    expect((await rowsOf(on.body.request_id))[0]?.country).toBe("DE");
  });

  it("server fields sent by a client are only attributes (threat INJ-3)", async () => {
    const res = await postLogs(
      database.db,
      JSON.stringify({
        message: "spoof",
        received_at: "1999-01-01T00:00:00Z",
        request_id: "00000000-0000-0000-0000-000000000000",
        project_id: "someone-else",
        truncated_fields: ["nothing"],
      }),
      { key: project.key },
    );
    const [row] = await rowsOf(res.body.request_id);
    expect(row).toMatchObject({
      truncated_fields: null,
      attributes: {
        received_at: "1999-01-01T00:00:00Z",
        request_id: "00000000-0000-0000-0000-000000000000",
        project_id: "someone-else",
        truncated_fields: ["nothing"],
      },
    });
  });
});

describe("database unavailable (FAULT-1, embedded PGlite closed)", () => {
  it("503 with Retry-After and nothing stored", async () => {
    const database = await openDatabase({ dataDir: "memory://" });
    const project = await seedProject(database.db, { rateLimitPerIpPerMinute: 100_000 });
    // Authenticate once so the key is cached, then lose the database before the insert.
    const warm = await postLogs(database.db, JSON.stringify({ message: "warm" }), {
      key: project.key,
    });
    expect(warm.status).toBe(202);
    await database.close();
    const res = await postLogs(database.db, JSON.stringify({ id: "x", message: "lost?" }), {
      key: project.key,
    });
    expect(res.status).toBe(503);
    expect(res.body.error).toBe("unavailable");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
