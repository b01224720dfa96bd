import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { type SeededServer, startSeededServer } from "../../support/seed";
import { request, str, toProtobuf } from "../../unit/ingest/decode/otlp/requests";

// `npm start` serves POST/OPTIONS /api/v1/logs and /api/otlp/v1/logs through its direct lane
// (lib/http/direct-lane/); Vercel and `next dev` serve the same handlers through Next's routes.
// Every other HTTP test runs on the lane, so this one holds the two to the same answers: the
// same requests, in the same order, to a server with the lane and one without
// (LOGWELL_DIRECT_LANE=off), on twin databases.

interface Exchange {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

// Differ by nature, not by behaviour: per-request values and transport framing. Next gzips even
// these ~100-byte answers when the client accepts it; the lane does not bother. Either way the
// client reads the same JSON (fetch decodes it), so Content-Encoding counts as framing here.
const volatileHeaders = new Set([
  "content-encoding",
  "date",
  "x-request-id",
  "ratelimit-reset",
  "vary",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
]);

function comparable({ status, headers, body }: Exchange) {
  const kept = Object.fromEntries(Object.entries(headers).filter(([n]) => !volatileHeaders.has(n)));
  const { request_id: _id, ...rest } = (body ?? {}) as Record<string, unknown>;
  // Next's own Vary tokens (rsc, …) are the mark of its route; Origin is ours.
  const vary = (headers.vary ?? "").toLowerCase().includes("origin");
  return { status, headers: kept, body: body === null ? null : rest, varyOrigin: vary };
}

describe("ingest answers the same with and without the direct lane", () => {
  let lane: SeededServer;
  let next: SeededServer;
  const seed = {
    projects: [{ name: "parity", allowedOrigins: ["https://app.example"] }],
  };

  beforeAll(async () => {
    [lane, next] = await Promise.all([
      startSeededServer("pglite", seed),
      startSeededServer("pglite", { ...seed, env: { LOGWELL_DIRECT_LANE: "off" } }),
    ]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([lane?.cleanup(), next?.cleanup()]);
  });

  /** Same request to both servers; each with its own project's key where `key` is set. */
  async function both(
    request: {
      method?: string;
      path?: string;
      query?: string;
      headers?: Record<string, string>;
    },
    body?: BodyInit,
    key = true,
  ): Promise<[Exchange, Exchange]> {
    return Promise.all(
      [lane, next].map(async (seeded) => {
        const k = seeded.projects[0]?.key as string;
        const query = (request.query ?? "").replace("KEY", k);
        const path = request.path ?? "/api/v1/logs";
        const res = await fetch(`${seeded.server.url}${path}${query}`, {
          method: request.method ?? "POST",
          headers: {
            "content-type": "application/json",
            ...(key ? { "x-logwell-key": k } : {}),
            ...request.headers,
          },
          body,
        });
        const bytes = Buffer.from(await res.arrayBuffer());
        const protobuf = res.headers.get("content-type") === "application/x-protobuf";
        return {
          status: res.status,
          headers: Object.fromEntries(res.headers),
          // An OTLP protobuf answer is compared byte for byte.
          body: protobuf
            ? { hex: bytes.toString("hex") }
            : bytes.length
              ? JSON.parse(`${bytes}`)
              : null,
        };
      }),
    ) as Promise<[Exchange, Exchange]>;
  }

  const batch = JSON.stringify({
    events: [
      { id: "parity-1", message: "first", level: "error", extra: { a: 1 } },
      { message: "second", level: "nonsense" },
      { id: "parity-1", message: "repeated in the request" },
    ],
  });

  const otlp = { path: "/api/otlp/v1/logs", headers: { "content-type": "application/x-protobuf" } };
  const otlpBatch = toProtobuf(
    request([
      { body: { stringValue: "otlp first" }, attributes: [str("log.record.uid", "parity-otlp")] },
      { body: { stringValue: " " } },
    ]),
  );

  const cases: [string, () => Promise<[Exchange, Exchange]>][] = [
    ["a batch with a rejected event", () => both({}, batch)],
    ["the same batch again (duplicates)", () => both({}, batch)],
    ["gzip", () => both({ headers: { "content-encoding": "gzip" } }, gzipSync(batch))],
    [
      "sendBeacon text/plain with ?key=",
      () => both({ query: "?key=KEY", headers: { "content-type": "text/plain" } }, batch, false),
    ],
    ["NDJSON", () => both({ headers: { "content-type": "application/x-ndjson" } }, '{"a":1}\n')],
    ["no key", () => both({}, batch, false)],
    ["unsupported media type", () => both({ headers: { "content-type": "text/html" } }, batch)],
    ["invalid JSON", () => both({}, "{not json")],
    ["no valid event", () => both({}, JSON.stringify({ level: "info" }))],
    ["allowed origin", () => both({ headers: { origin: "https://app.example" } }, batch)],
    ["refused origin", () => both({ headers: { origin: "https://evil.example" } }, batch)],
    ["OTLP protobuf, a blank record (partial success)", () => both(otlp, otlpBatch)],
    [
      "OTLP protobuf, gzip, again (duplicate)",
      () =>
        both(
          { ...otlp, headers: { ...otlp.headers, "content-encoding": "gzip" } },
          gzipSync(otlpBatch),
        ),
    ],
    ["OTLP/JSON", () => both({ path: otlp.path }, JSON.stringify(request([{ eventName: "e" }])))],
    ["OTLP malformed protobuf", () => both(otlp, Uint8Array.of(0x0a, 0x05, 0x01))],
    ["OTLP no key", () => both(otlp, otlpBatch, false)],
    [
      "preflight",
      () =>
        both(
          {
            method: "OPTIONS",
            query: "?key=KEY",
            headers: { origin: "https://app.example", "access-control-request-method": "POST" },
          },
          undefined,
          false,
        ),
    ],
  ];

  it("gives every case the same status, headers and body", async () => {
    for (const [name, send] of cases) {
      const [viaLane, viaNext] = await send();
      expect({ name, ...comparable(viaLane) }).toEqual({ name, ...comparable(viaNext) });
      // And each answer really came the way it should.
      expect(viaLane.headers.vary ?? "").not.toMatch(/\brsc\b/);
      expect(viaNext.headers.vary ?? "").toMatch(/\brsc\b/);
    }
  });

  it("stores the same rows either way", async () => {
    const rows = (seeded: SeededServer) =>
      seeded.withDb((db) =>
        queryRows(db, sql`select client_id, level, message, attributes from logs order by id`),
      );
    await Promise.all([lane.stopServer(), next.stopServer()]);
    const [viaLane, viaNext] = await Promise.all([rows(lane), rows(next)]);
    expect(viaLane.length).toBeGreaterThan(3);
    expect(viaLane).toEqual(viaNext);
  });
});
