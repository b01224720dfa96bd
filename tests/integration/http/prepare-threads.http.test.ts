import { availableParallelism } from "node:os";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { type SeededServer, startSeededServer } from "../../support/seed";
import { startServer } from "../../support/server";

// `npm start` prepares big bodies on preparation threads (lib/ingest/prepare/prepare-threads.ts) when
// the database takes COPY rows, i.e. on the server Postgres. This holds a server with threads
// to one without (LOGWELL_INGEST_THREADS=0): the same requests, the same answers, the same rows.

describe("LOGWELL_INGEST_THREADS", () => {
  it("refuses a value that is not a count", async () => {
    await expect(startServer({ env: { LOGWELL_INGEST_THREADS: "many" } })).rejects.toThrow(
      /LOGWELL_INGEST_THREADS must be a whole number/,
    );
  });

  it("defaults to one thread per core beyond the main thread's, at most 4", async () => {
    const server = await startServer();
    try {
      const threads = /"msg":"logwell listening".*?"ingestThreads":(\d+)/.exec(server.output());
      expect(Number(threads?.[1])).toBe(Math.max(0, Math.min(4, availableParallelism() - 1)));
    } finally {
      await server.stop();
    }
  });
});

const deep = (n: number) => `${'{"a":'.repeat(n)}0${"}".repeat(n)}`;

/** ~200 events, all the ways an event can be hostile, malformed, oversized or repeated. */
function hostileBatch(tag: string): string {
  const events = Array.from({ length: 200 }, (_, i) => {
    const kind = i % 10;
    const id = `${tag}-${i % 190}`; // the last ten repeat earlier ids within the request
    if (kind === 0) return { id, message: `nul \u0000 lone \ud800 tab\tnewline\nslash\\ ${i}` };
    if (kind === 1) return { id, message: "m", url: `https://a.example/?password=hunter2&i=${i}` };
    if (kind === 2) return { id, message: `Authorization: Bearer abcdefghijklmnop ${i}` };
    if (kind === 3) return { id, message: "x".repeat(9000), stack: "at f\r\n".repeat(50) };
    if (kind === 4) return { id, level: "nonsense", message: 42 }; // rejected
    if (kind === 5) return { id, message: "extra", __proto__: { polluted: 1 }, n: 1e308 * 10 };
    if (kind === 6) return { id, message: "t", timestamp: "2024-02-30T00:00:00Z", level: "warn" };
    if (kind === 7) return { id, message: "card 4111 1111 1111 1111", attributes: { token: "s" } };
    if (kind === 8) return { message: "no id", attributes: [1, "two", { three: 3 }] };
    return { id, message: "ua", attributes: { user_agent: "Custom\tAgent", "\u0000k": "\udfff" } };
  });
  const text = JSON.stringify(events);
  // One event nested far deeper than JSON.stringify writes (threats V-4, V-6).
  return `${text.slice(0, -1)},{"id":"${tag}-deep","message":"deep","attributes":${deep(9000)}}]`;
}

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))(
  "big bodies prepared on a thread answer and store as on the main thread",
  () => {
    let threaded: SeededServer;
    let inline: SeededServer;

    beforeAll(async () => {
      const seed = (threads: string) => ({
        projects: [{ name: "threads", rateLimitEventsPerMinute: 1_000_000 }],
        env: { LOG_LEVEL: "debug", LOGWELL_INGEST_THREADS: threads },
      });
      [threaded, inline] = await Promise.all([
        startSeededServer("postgres", seed("1")),
        startSeededServer("postgres", seed("0")),
      ]);
    }, 240_000);
    afterAll(async () => {
      await Promise.all([threaded?.cleanup(), inline?.cleanup()]);
    });

    async function both(body: BodyInit, headers: Record<string, string> = {}) {
      return Promise.all(
        [threaded, inline].map(async (seeded) => {
          const res = await fetch(`${seeded.server.url}/api/v1/logs`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "x-logwell-key": seeded.projects[0]?.key as string,
              ...headers,
            },
            body,
          });
          const { request_id: _id, ...answer } = (await res.json()) as Record<string, unknown>;
          return { status: res.status, answer };
        }),
      );
    }

    const ndjson = Array.from({ length: 120 }, (_, i) =>
      i % 7 === 0 ? "{not json" : JSON.stringify({ id: `nd-${i}`, message: `line ${i}\t` }),
    ).join("\n");
    const cases: [string, () => ReturnType<typeof both>][] = [
      ["a hostile batch", () => both(hostileBatch("a"))],
      ["the same batch again (every id stored: duplicates)", () => both(hostileBatch("a"))],
      ["gzip", () => both(gzipSync(hostileBatch("g")), { "content-encoding": "gzip" })],
      ["NDJSON with broken lines", () => both(ndjson, { "content-type": "application/x-ndjson" })],
      ["big invalid JSON", () => both(`[${'{"message":"x"},'.repeat(800)}`)],
      ["too many events", () => both(JSON.stringify(Array(1001).fill({ message: "x" })))],
      ["no valid event", () => both(JSON.stringify(Array(900).fill({ level: "info" })))],
    ];

    it("gives every case the same status and answer", async () => {
      for (const [name, send] of cases) {
        const [viaThread, viaMain] = await send();
        expect({ name, ...viaThread }).toEqual({ name, ...viaMain });
      }
      // The threaded server really prepared them on its thread; the other never did.
      expect(threaded.server.output()).toMatch(/"onThread":true/);
      expect(inline.server.output()).not.toMatch(/"onThread":true/);
      expect(inline.server.output()).toMatch(/"onThread":false/);
    });

    it("stores the same rows either way", async () => {
      const rows = (seeded: SeededServer) =>
        seeded.withDb((db) =>
          queryRows(
            db,
            sql`select client_id, level, message, logger, url, stack, "timestamp", session_id,
                  attributes, user_agent, client_ip, country, truncated_fields, normalized_fields
                from logs order by client_id nulls last, message, id`,
          ),
        );
      const [viaThread, viaMain] = await Promise.all([rows(threaded), rows(inline)]);
      expect(viaThread.length).toBeGreaterThan(400);
      expect(viaThread).toEqual(viaMain);
    });
  },
);
