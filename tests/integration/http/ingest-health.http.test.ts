// Ingest health over real HTTP on `npm start` (issue 16 §1): every refusal a client can meet is
// sent on purpose, and the counts the server flushes equal what was sent, by project and
// reason; the server is stopped (its shutdown flush) and started again on the same database,
// the same requests sent again, and every count is exactly twice: nothing lost, nothing
// counted twice. /api/health shows the deployment's totals while it runs. PGlite and Postgres.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, migrateDatabase, openDatabase } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { projectIngestHealth } from "@/lib/projects/ingest-health";
import { createUser } from "@/lib/users/create-user";
import {
  type BackendName,
  backends,
  createServerDatabase,
  dropServerDatabase,
} from "../../support/db";
import { type SeededProject, seedProject } from "../../support/seed";
import { startServer, type TestServer } from "../../support/server";
import { cast as people, signInOverHttp } from "../auth/fixtures";

interface Cast {
  web: SeededProject;
  api: SeededProject;
  narrow: SeededProject;
  revoked: SeededProject;
}

const json = "application/json";

async function post(
  server: TestServer,
  key: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/logs`, {
    method: "POST",
    headers: { "content-type": json, "x-logwell-key": key, ...headers },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

const events = (n: number, extra: object = {}) =>
  JSON.stringify(Array.from({ length: n }, (_, i) => ({ message: `event ${i}`, ...extra })));

/** One of each refusal, plus accepted events (the expected counts are below). */
async function sendEverything(server: TestServer, cast: Cast): Promise<void> {
  const { web, api, narrow, revoked } = cast;
  // web: 5 accepted, 1 refused event by event (no message) in a 202.
  expect(await post(server, web.key, events(3))).toBe(202);
  expect(
    await post(server, web.key, JSON.stringify([{ message: "a" }, { message: "b" }, {}])),
  ).toBe(202);
  for (let i = 0; i < 4; i++) {
    expect(await post(server, web.key, events(1), { origin: "https://evil.example" })).toBe(403);
  }
  expect(await post(server, web.key, events(1), { "content-type": "image/png" })).toBe(415);
  expect(await post(server, web.key, events(25))).toBe(413);
  expect(await post(server, web.key, "{not json")).toBe(400);
  // A Sentry SDK's client report: 3 events it dropped itself.
  const envelope = [
    "{}",
    JSON.stringify({ type: "client_report" }),
    JSON.stringify({
      discarded_events: [
        { reason: "queue_overflow", category: "error", quantity: 2 },
        { reason: "network_error", category: "error", quantity: 1 },
      ],
    }),
  ].join("\n");
  const sentry = await fetch(`${server.url}/api/${web.number}/envelope/?sentry_key=${web.key}`, {
    method: "POST",
    body: envelope,
  });
  expect(sentry.status).toBe(200);
  // api: 10 events a minute; 8 pass, the next 5 are the project's limit.
  expect(await post(server, api.key, events(8))).toBe(202);
  expect(await post(server, api.key, events(5))).toBe(429);
  // narrow: one request a minute per address.
  expect(await post(server, narrow.key, events(1))).toBe(202);
  expect(await post(server, narrow.key, events(1))).toBe(429);
  // A revoked key counts for its project; an unknown one for the deployment.
  expect(await post(server, revoked.key, events(1))).toBe(401);
  expect(await post(server, `lw_pub_${"x".repeat(30)}`, events(1))).toBe(401);
}

/** What one sendEverything() counts, per project and outcome (events). */
const expected = {
  web: {
    accepted: 5,
    invalid_events: 1,
    origin_not_allowed: 4,
    unsupported_media_type: 1,
    payload_too_large: 1,
    invalid_body: 1,
    client_discard: 3,
  },
  api: { accepted: 8, rate_limited_project: 5 },
  narrow: { accepted: 1, rate_limited_ip: 1 },
  revoked: { invalid_key: 1 },
  deployment: { invalid_key: 1 },
};

const times = (counts: Record<string, number>, n: number) =>
  Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v * n]));

async function countsOf(db: Db, projectId: string) {
  const { totals } = await projectIngestHealth(db, projectId, 24);
  return Object.fromEntries(totals.map((t) => [t.outcome, t.events]));
}

async function deploymentBucket(db: Db) {
  const rows = await queryRows<{ outcome: string; events: number }>(
    db,
    sql`select outcome, sum(events)::float8 as events from ingest_outcomes
        where project_id is null group by outcome`,
  );
  return Object.fromEntries(rows.map((r) => [r.outcome, r.events]));
}

// Generous timeouts: each test starts a production server, which takes long on a busy machine.
describe.each(backends())("ingest health over HTTP on %s", (backend: BackendName) => {
  let dataDir: string;
  let url: string | undefined;
  let cast: Cast;
  let server: TestServer | undefined;
  const open = () =>
    url
      ? openDatabase({ url, driver: "pg" })
      : openDatabase({ dataDir: path.join(dataDir, "pglite") });
  const withDb = async <T>(fn: (db: Db) => Promise<T>) => {
    const database = await open();
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  };
  const start = () =>
    startServer({
      dataDir,
      env: {
        ...(url ? { DATABASE_URL: url } : {}),
        LOGWELL_INGEST_HEALTH_FLUSH_SECONDS: "1",
        LOGWELL_MAX_EVENTS_PER_REQUEST: "20",
      },
    });

  /** The counts of `rounds` sendEverything() calls, per project and in the deployment bucket. */
  const expectRounds = async (db: Db, rounds: number) => {
    for (const name of ["web", "api", "narrow", "revoked"] as const) {
      expect(await countsOf(db, cast[name].id)).toEqual(times(expected[name], rounds));
    }
    expect(await deploymentBucket(db)).toEqual(times(expected.deployment, rounds));
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "logwell-ingest-health-"));
    url = backend === "postgres" ? await createServerDatabase() : undefined;
    if (url) {
      const database = await open();
      await migrateDatabase(database);
      await database.close();
    }
    cast = await withDb(async (db) => {
      await createUser(db, { ...people.owner, role: "owner" });
      const unlimited = { rateLimitPerIpPerMinute: 100_000, rateLimitEventsPerMinute: 1_000_000 };
      return {
        web: await seedProject(db, {
          name: "web",
          ...unlimited,
          allowedOrigins: ["https://app.example"],
        }),
        api: await seedProject(db, {
          name: "api",
          rateLimitPerIpPerMinute: 100_000,
          rateLimitEventsPerMinute: 10,
        }),
        narrow: await seedProject(db, {
          name: "narrow",
          rateLimitPerIpPerMinute: 1,
          rateLimitEventsPerMinute: 1_000_000,
        }),
        revoked: await seedProject(db, { name: "revoked", ...unlimited, revokeKey: true }),
      };
    });
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    if (url) await dropServerDatabase(url);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("counts what was sent, by project and reason; /api/health shows the deployment's totals", async () => {
    server = await start();
    await sendEverything(server, cast);
    // The deployment's totals: every project's and the bucket's, added up.
    const byOutcome: Record<string, number> = {};
    for (const counts of Object.values(expected)) {
      for (const [outcome, n] of Object.entries(counts))
        byOutcome[outcome] = (byOutcome[outcome] ?? 0) + n;
    }
    const { accepted = 0 } = byOutcome;
    const all = Object.values(byOutcome).reduce((a, b) => a + b, 0);
    // Flushed every second: wait for the totals to arrive, then they must be exact.
    let ingest: { accepted: number; refused: number; by_outcome: Record<string, number> };
    const giveUpAt = Date.now() + 30_000;
    do {
      await new Promise((r) => setTimeout(r, 200));
      ingest = (await (await fetch(`${server.url}/api/health`)).json()).ingest;
    } while (ingest.accepted + ingest.refused < all && Date.now() < giveUpAt);
    expect(ingest).toMatchObject({ window_hours: 24, accepted, refused: all - accepted });
    expect(ingest.by_outcome).toEqual(byOutcome);
    // The project's Health page explains its top refusal, naming the refused origin.
    const cookie = await signInOverHttp(server.url, people.owner);
    const page = await fetch(`${server.url}/projects/${cast.web.id}/health`, {
      headers: { cookie: cookie ?? "" },
    });
    // React separates adjacent text nodes with empty comments.
    const html = (await page.text()).replaceAll("<!-- -->", "");
    expect(page.status).toBe(200);
    expect(html).toContain("Ingest health");
    expect(html).toContain("Most refused: Origin not allowed (4)");
    expect(html).toContain("Add https://evil.example to the project&#x27;s allowed origins");
    // And the status page the deployment's totals.
    const status = await (
      await fetch(`${server.url}/status`, { headers: { cookie: cookie ?? "" } })
    ).text();
    expect(status).toContain("Ingest, last 24 hours");
    await server.stop();
    server = undefined;
    await withDb(async (db) => {
      await expectRounds(db, 1);
      const { totals } = await projectIngestHealth(db, cast.web.id, 24);
      expect(totals.find((t) => t.outcome === "origin_not_allowed")?.example).toBe(
        "https://evil.example",
      );
    });
  }, 180_000);

  it("a restart neither loses nor double-counts: the same requests again count exactly twice", async () => {
    server = await start();
    await sendEverything(server, cast);
    // Stopped at once: what the timer has not flushed yet goes in the shutdown flush.
    await server.stop();
    server = undefined;
    await withDb((db) => expectRounds(db, 2));
  }, 180_000);
});
