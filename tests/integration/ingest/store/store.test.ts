import { fc } from "@fast-check/vitest";
import { eq, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { beforeAll, describe, expect, it } from "vitest";
import { copyInto } from "@/lib/db/copy";
import { queryRows } from "@/lib/db/query";
import { levelNumber, logs } from "@/lib/db/schema";
import { prepareBatch } from "@/lib/ingest/normalize/batch";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { insertEvents, type RequestFacts } from "@/lib/ingest/store/store";
import { backends } from "../../../support/db";
import { type SeededProject, seedProject } from "../../../support/seed";
import { useTestDatabase } from "../../../support/use-database";
import { hostileEvent } from "../../../unit/ingest/normalize/arbitraries";

const receivedAt = new Date("2026-03-01T00:00:00.000Z");

/** JSON with keys in one order: jsonb reorders keys, which is not a change of value. */
const plain = (value: unknown) => (value === null ? null : JSON.parse(JSON.stringify(value)));

describe.each(backends())("insertEvents on %s", (backend) => {
  const database = useTestDatabase(backend);
  let project: SeededProject;
  beforeAll(async () => {
    project = await seedProject(database.db);
  });

  const facts = (): RequestFacts => ({
    projectId: project.id,
    receivedAt,
    requestId: uuidv7(),
    userAgent: "agent/1.0",
    clientIp: "203.0.113.0",
    country: null,
  });

  const storedRows = (requestId: string) =>
    database.db.select().from(logs).where(eq(logs.requestId, requestId)).orderBy(logs.id);

  // TC-02: normalised events survive storage exactly; RETURNING counts every row.
  it("TC-02 round-trips hostile batches exactly", async () => {
    let batchNumber = 0;
    let roundTripped = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(hostileEvent, { minLength: 1, maxLength: 12 }), async (raw) => {
        batchNumber++;
        const { events } = prepareBatch(raw, receivedAt);
        if (events.length === 0) return;
        // Ids unique across runs, so every event is new (duplicates are TC-27's subject).
        const unique = events.map((e, i) => ({
          ...e,
          clientId: e.clientId === null ? null : `${batchNumber}-${i}-${e.clientId}`,
        }));
        const request = facts();
        const result = await insertEvents(database.db, request, unique);
        expect(result).toEqual({ inserted: unique.length, refused: [] });
        const rows = await storedRows(request.requestId);
        expect(rows).toHaveLength(unique.length);
        for (const [i, row] of rows.entries()) {
          expectRowEquals(row, unique[i] as NormalizedEvent, request, backend);
        }
        roundTripped += rows.length;
      }),
      { numRuns: 40 },
    );
    expect(roundTripped).toBeGreaterThan(40);
  });

  it("stores by COPY on the server Postgres; a batch repeating a stored id stores only the new ones", async () => {
    // node-postgres can stream COPY; PGlite (and Neon) keep the INSERT.
    expect(copyInto(database.db) !== undefined).toBe(backend === "postgres");
    const ids = ["copy-a", "copy-b", "copy-c", "copy-d"];
    const events = prepareBatch(
      ids.map((id) => ({ id, message: `event ${id}\twith\\escapes\n` })),
      receivedAt,
    ).events;
    const first = facts();
    expect(await insertEvents(database.db, first, events.slice(0, 2))).toEqual({
      inserted: 2,
      refused: [],
    });
    // COPY refuses the whole batch (copy-b is stored); the INSERT retry skips just that one.
    const second = facts();
    expect(await insertEvents(database.db, second, events.slice(1))).toEqual({
      inserted: 2,
      refused: [],
    });
    expect((await storedRows(second.requestId)).map((r) => r.clientId)).toEqual([
      "copy-c",
      "copy-d",
    ]);
    expect((await storedRows(first.requestId)).map((r) => r.message)).toEqual([
      "event copy-a\twith\\escapes\n",
      "event copy-b\twith\\escapes\n",
    ]);
    // The refused COPY left the pooled connection usable.
    expect(await insertEvents(database.db, facts(), events.slice(3))).toEqual({
      inserted: 0,
      refused: [],
    });
  });

  it("concurrent requests share commits on server Postgres; a refused one does not sink the others", async () => {
    const batchOf = (tag: string, n: number) =>
      prepareBatch(
        Array.from({ length: n }, (_, i) => ({ id: `${tag}-${i}`, message: `${tag} ${i}` })),
        receivedAt,
      ).events;
    const insertAll = (batches: NormalizedEvent[][]) => {
      const requests = batches.map((events) => ({ facts: facts(), events }));
      return Promise.all(
        requests.map(async (r) => ({
          requestId: r.facts.requestId,
          result: await insertEvents(database.db, r.facts, r.events),
        })),
      );
    };
    const commitsOf = async (requestIds: string[]) =>
      (
        await queryRows<{ rows: number; commits: number }>(
          database.db,
          sql`select count(*)::int as rows, count(distinct xmin::text)::int as commits
              from logs where request_id = any(${`{${requestIds.join(",")}}`}::uuid[])`,
        )
      )[0];

    const crowd = await insertAll(Array.from({ length: 20 }, (_, i) => batchOf(`crowd-${i}`, 10)));
    expect(crowd.map((c) => c.result)).toEqual(crowd.map(() => ({ inserted: 10, refused: [] })));
    const crowdCommits = await commitsOf(crowd.map((c) => c.requestId));
    expect(crowdCommits?.rows).toBe(200);
    // Server Postgres: requests that waited went in together, in fewer transactions than
    // requests. PGlite runs one statement at a time, each its own transaction.
    if (backend === "postgres") expect(crowdCommits?.commits).toBeLessThan(20);
    else expect(crowdCommits?.commits).toBe(20);

    // A retry (one id already stored) and a batch with a value Postgres refuses (a NUL, which
    // the normaliser would have replaced) among fresh batches: each gets its own answer.
    const alreadyStored = batchOf("crowd-0", 10)[3] as NormalizedEvent;
    const retry = [...batchOf("mixed-retry", 2), alreadyStored];
    const poisoned = batchOf("mixed-nul", 3).map((e, i) =>
      i === 1 ? { ...e, message: "bad \0 row" } : e,
    );
    const fresh = Array.from({ length: 6 }, (_, i) => batchOf(`mixed-${i}`, 10));
    const mixed = await insertAll([...fresh.slice(0, 3), retry, poisoned, ...fresh.slice(3)]);
    expect(mixed.map((m) => m.result)).toEqual([
      ...fresh.slice(0, 3).map(() => ({ inserted: 10, refused: [] })),
      { inserted: 2, refused: [] },
      { inserted: 2, refused: [1] },
      ...fresh.slice(3).map(() => ({ inserted: 10, refused: [] })),
    ]);
    expect((await commitsOf(mixed.map((m) => m.requestId)))?.rows).toBe(6 * 10 + 2 + 2);
  });

  // PGlite decodes every text value it returns with a default TextDecoder, which takes one
  // leading U+FEFF for a byte-order mark and drops it: the value is stored whole, and read back
  // one character short (docs/operations.md). node-postgres returns it whole.
  it("stores a leading U+FEFF whole; only PGlite's reader drops it", async () => {
    const events = prepareBatch(
      [{ message: "\uFEFFhello", environment: "\uFEFF", logger: "a\uFEFF" }],
      receivedAt,
    ).events;
    const request = facts();
    await insertEvents(database.db, request, events);
    const [stored] = await queryRows<{ message: string; environment: string; bytes: string }>(
      database.db,
      sql`select message, environment, encode(convert_to(message || environment, 'UTF8'), 'hex') as bytes
          from logs where request_id = ${request.requestId}`,
    );
    expect(stored?.bytes).toBe("efbbbf68656c6c6fefbbbf");
    const [row] = await storedRows(request.requestId);
    expect(row?.logger).toBe("a\uFEFF");
    if (backend === "pglite") {
      expect({ message: row?.message, environment: row?.environment }).toEqual({
        message: "hello",
        environment: "",
      });
    } else {
      expect({ message: row?.message, environment: row?.environment }).toEqual({
        message: "\uFEFFhello",
        environment: "\uFEFF",
      });
    }
  });

  it("a row the database refuses becomes a per-event rejection, the rest are stored", async () => {
    const good = prepareBatch([{ message: "good 1" }, { message: "good 2" }], receivedAt).events;
    // Bypasses the normaliser on purpose: a NUL is exactly what Postgres refuses (22021).
    const bad = { ...(good[0] as NormalizedEvent), message: "bad \0 row" };
    const request = facts();
    const result = await insertEvents(database.db, request, [
      good[0],
      bad,
      good[1],
    ] as NormalizedEvent[]);
    expect(result).toEqual({ inserted: 2, refused: [1] });
    const rows = await storedRows(request.requestId);
    expect(rows.map((r) => r.message)).toEqual(["good 1", "good 2"]);
  });
});

function expectRowEquals(
  row: typeof logs.$inferSelect,
  event: NormalizedEvent,
  facts: RequestFacts,
  backend: string,
): void {
  // What the driver reads back (the U+FEFF test above proves what is stored).
  const read = <T>(value: T): T =>
    backend === "pglite" && typeof value === "string" && value.startsWith("\uFEFF")
      ? (value.slice(1) as T)
      : value;
  expect({
    clientId: row.clientId,
    level: row.level,
    message: row.message,
    timestamp: row.timestamp ? row.timestamp.toISOString() : null,
    logger: row.logger,
    url: row.url,
    stack: row.stack,
    release: row.release,
    environment: row.environment,
    sessionId: row.sessionId,
    userId: row.userId,
    traceId: row.traceId,
    attributes: plain(row.attributes),
    userAgent: row.userAgent,
    truncatedFields: row.truncatedFields ?? [],
    normalizedFields: row.normalizedFields ?? [],
    receivedAt: row.receivedAt.toISOString(),
    clientIp: row.clientIp,
  }).toEqual({
    clientId: read(event.clientId),
    level: levelNumber[event.level],
    message: read(event.message),
    timestamp: event.timestamp,
    logger: read(event.logger),
    url: read(event.url),
    stack: read(event.stack),
    release: read(event.release),
    environment: read(event.environment),
    sessionId: read(event.sessionId),
    userId: read(event.userId),
    traceId: read(event.traceId),
    attributes: plain(event.attributes),
    userAgent: read(event.clientUserAgent ?? facts.userAgent),
    truncatedFields: event.truncatedFields,
    normalizedFields: event.normalizedFields,
    receivedAt: facts.receivedAt.toISOString(),
    clientIp: facts.clientIp,
  });
}
