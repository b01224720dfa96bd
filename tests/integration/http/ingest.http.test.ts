import { request as httpRequest } from "node:http";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { backends } from "../../support/db";
import { type SeededServer, startSeededServer } from "../../support/seed";
import { rawPost } from "./ingest-client";

// TC-05 / TC-06: docs/api.md's status table against the real production server (`npm start`), on every backend.
// Every request carries its own X-Request-ID so the end of the file can check, per request,
// that rows exist only for 202 and number exactly `accepted`.

const MiB = 1024 * 1024;

describe.each(backends())("POST /api/v1/logs on npm start (%s)", (backend) => {
  let seeded: SeededServer;
  let url: string;
  let key: string;
  let revokedKey: string;
  /** request id → status and accepted count, for the final DB check. */
  const sent = new Map<string, { status: number; accepted: number }>();

  beforeAll(async () => {
    seeded = await startSeededServer(backend, {
      projects: [
        { name: "main", rateLimitPerIpPerMinute: 100_000 },
        { name: "revoked", revokeKey: true },
      ],
    });
    url = `${seeded.server.url}/api/v1/logs`;
    key = seeded.projects[0]?.key as string;
    revokedKey = seeded.projects[1]?.key as string;
  }, 180_000);
  afterAll(async () => {
    await seeded?.cleanup();
  });

  async function post(
    body: BodyInit | null,
    headers: Record<string, string> = {},
    query = "",
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const requestId = uuidv7();
    const res = await fetch(url + query, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": requestId, ...headers },
      body,
    });
    const parsed = (await res.json()) as Record<string, unknown>;
    expect(res.headers.get("x-request-id")).toBe(requestId);
    expect(parsed.request_id).toBe(requestId);
    sent.set(requestId, { status: res.status, accepted: Number(parsed.accepted ?? 0) });
    return { status: res.status, body: parsed, headers: res.headers };
  }

  const event = (message = "hello", extra: Record<string, unknown> = {}) =>
    JSON.stringify({ message, ...extra });

  describe("202 for every key placement and body format", () => {
    it.each([
      ["X-Logwell-Key header", (k: string) => [{ "x-logwell-key": k }, ""] as const],
      ["Authorization: Bearer", (k: string) => [{ authorization: `Bearer ${k}` }, ""] as const],
      ["?key= query", (k: string) => [{}, `?key=${k}`] as const],
    ])("key in %s", async (_name, place) => {
      const [headers, query] = place(key);
      const res = await post(event(), headers, query);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ accepted: 1, duplicates: 0, rejected: 0, errors: [] });
    });

    it.each([
      ["application/json", event("one")],
      ["text/plain;charset=UTF-8", JSON.stringify([{ message: "beacon" }])],
      ["application/x-ndjson", `${event("a")}\n\n${event("b")}\r\n`],
      ["application/json", JSON.stringify({ events: [{ message: "enveloped" }] })],
      ["application/json", `\uFEFF${event("with a BOM")}`],
    ])("%s body %#", async (type, body) => {
      const res = await post(body, { "content-type": type, "x-logwell-key": key });
      expect(res.status).toBe(202);
      expect(Number(res.body.accepted)).toBeGreaterThan(0);
    });

    it("gzip, counted after decompression", async () => {
      const body = gzipSync(JSON.stringify([{ message: "zipped" }, { message: "twice" }]));
      const res = await post(body, { "content-encoding": "gzip", "x-logwell-key": key });
      expect(res.status).toBe(202);
      expect(res.body.accepted).toBe(2);
    });

    it("one bad event does not sink the batch; errors carry the request index", async () => {
      const body = `${event("ok")}\nnot json\n${JSON.stringify({ level: "info" })}\n${event("ok 2")}`;
      const res = await post(body, {
        "content-type": "application/x-ndjson",
        "x-logwell-key": key,
      });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ accepted: 2, rejected: 2 });
      expect((res.body.errors as Array<{ index: number }>).map((e) => e.index)).toEqual([1, 2]);
    });

    it("a 1,000-event batch is accepted whole", async () => {
      const events = Array.from({ length: 1000 }, (_, i) => ({ id: `big-${i}`, message: `m${i}` }));
      const res = await post(JSON.stringify(events), { "x-logwell-key": key });
      expect(res.status).toBe(202);
      expect(res.body.accepted).toBe(1000);
    });

    it("TC-27 a retried batch is stored once; duplicates inside a request count too", async () => {
      const batch = JSON.stringify([
        { id: "retry-1", message: "first" },
        { id: "retry-2", message: "second" },
        { id: "retry-1", message: "same id again" },
      ]);
      const first = await post(batch, { "x-logwell-key": key });
      expect(first.body).toMatchObject({ accepted: 2, duplicates: 1 });
      const again = await post(batch, { "x-logwell-key": key });
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ accepted: 0, duplicates: 3, rejected: 0 });
    });
  });

  describe("errors", () => {
    it.each([
      ["malformed JSON", "{", "invalid_json"],
      ["an empty body", "", "invalid_json"],
      ["an empty array", "[]", "invalid_events"],
      ['{"events":{}}', '{"events":{}}', "invalid_events"],
      ["only invalid events", JSON.stringify([{ message: "" }, 42, null]), "invalid_events"],
    ])("400 for %s", async (_name, body, code) => {
      const res = await post(body, { "x-logwell-key": key });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe(code);
      expect(res.body.errors).toBeInstanceOf(Array);
    });

    it("400 invalid_json for a body that is not gzip", async () => {
      const res = await post("plain", { "content-encoding": "gzip", "x-logwell-key": key });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("invalid_json");
    });

    it("400 lists why events were rejected", async () => {
      const res = await post(
        JSON.stringify([{ message: "" }, { message: "x", id: "i".repeat(129) }]),
        {
          "x-logwell-key": key,
        },
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { index: 0, message: expect.stringContaining("message") },
        { index: 1, message: expect.stringContaining("id") },
      ]);
    });

    it.each([
      ["no key", {}],
      ["an unknown key", { "x-logwell-key": `lw_pub_${"A".repeat(24)}` }],
      ["a malformed key", { "x-logwell-key": "hello" }],
      ["an admin token", { authorization: `Bearer lw_sec_${"A".repeat(24)}` }],
    ])("401 invalid_key for %s", async (_name, headers) => {
      const res = await post(event(), headers);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: "invalid_key" });
    });

    it("401 with the same body for a revoked key as for an unknown one", async () => {
      const revoked = await post(event(), { "x-logwell-key": revokedKey });
      const unknown = await post(event(), { "x-logwell-key": `lw_pub_${"B".repeat(24)}` });
      expect(revoked.status).toBe(401);
      const { request_id: _a, ...revokedBody } = revoked.body;
      const { request_id: _b, ...unknownBody } = unknown.body;
      expect(revokedBody).toEqual(unknownBody);
    });

    it.each([
      ["application/xml", {}],
      ["multipart/form-data; boundary=x", {}],
      ["application/x-www-form-urlencoded", {}],
      ["application/json", { "content-encoding": "br" }],
    ])("415 for %s %j", async (type, headers) => {
      const res = await post(event(), { "content-type": type, "x-logwell-key": key, ...headers });
      expect(res.status).toBe(415);
      expect(res.body.error).toBe("unsupported_media_type");
    });

    it("415 comes before the key check", async () => {
      const res = await post(event(), { "content-type": "text/html" });
      expect(res.status).toBe(415);
    });
  });

  describe("TC-06 body limits hold while streaming", () => {
    it("413 from Content-Length alone, before the body is sent", async () => {
      const res = await rawPost(url, {
        headers: {
          "content-type": "application/json",
          "content-length": String(2 * MiB),
          "x-logwell-key": key,
        },
        chunks: [],
      });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error).toBe("payload_too_large");
      expect(res.bytesWritten).toBe(0);
    });

    it("413 for a chunked body that grows past the cap", async () => {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const res = await rawPost(url, {
        headers: { "content-type": "application/json", "x-logwell-key": key },
        chunks: Array.from({ length: 40 }, () => chunk),
      });
      expect(res.status).toBe(413);
      expect(res.headers["x-request-id"]).toBeTypeOf("string");
    });

    it("413 for 1 MiB + 1 byte exactly, 202 for 1 MiB", async () => {
      const filler = (size: number) => {
        const head = '[{"message":"pad","attributes":{"p":"';
        const tail = '"}}]';
        return head + "x".repeat(size - head.length - tail.length) + tail;
      };
      const over = await post(filler(MiB + 1), { "x-logwell-key": key });
      expect(over.status).toBe(413);
      const exact = await post(filler(MiB), { "x-logwell-key": key });
      expect(exact.status).toBe(202);
    });

    it("413 for a gzip bomb (100 MiB of spaces in ~100 KB)", async () => {
      const bomb = gzipSync(Buffer.alloc(100 * MiB, 0x20), { level: 9 });
      expect(bomb.length).toBeLessThan(MiB);
      const res = await post(bomb, { "content-encoding": "gzip", "x-logwell-key": key });
      expect(res.status).toBe(413);
    });

    it("413 for an 11 MB NDJSON body, declared or streamed: never a 2xx from a cut body", async () => {
      const line = `${JSON.stringify({ message: "x".repeat(1000) })}\n`;
      const body = Buffer.from(line.repeat(Math.ceil((11 * 1000 * 1000) / line.length)));
      const declared = await post(body, {
        "content-type": "application/x-ndjson",
        "x-logwell-key": key,
      });
      expect(declared.status).toBe(413);
      const streamed = await rawPost(url, {
        headers: { "content-type": "application/x-ndjson", "x-logwell-key": key },
        chunks: Array.from({ length: Math.ceil(body.length / (256 * 1024)) }, (_, i) =>
          body.subarray(i * 256 * 1024, (i + 1) * 256 * 1024),
        ),
      });
      expect(streamed.status).toBe(413);
    });

    it("a client gone mid-body: nothing stored, no error, the server goes on", async () => {
      const requestId = uuidv7();
      sent.set(requestId, { status: 0, accepted: 0 }); // the end of the file counts its rows
      const target = new URL(url);
      const whole = Buffer.from(
        JSON.stringify([{ message: "never finished" }, { message: "x".repeat(4000) }]),
      );
      await new Promise<void>((resolve) => {
        const req = httpRequest({
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          agent: false,
          headers: {
            "content-type": "application/json",
            "content-length": String(whole.length),
            "x-logwell-key": key,
            "x-request-id": requestId,
          },
        });
        req.on("error", () => resolve());
        req.on("close", () => resolve());
        // Half the body, then the connection drops while the server waits for the rest.
        req.write(whole.subarray(0, whole.length / 2), () => setTimeout(() => req.destroy(), 200));
      });
      expect((await post(event("after the drop"), { "x-logwell-key": key })).status).toBe(202);
      expect(seeded.server.output()).not.toContain('"level":50');
    });

    it("413 for 1,001 events, in JSON and in NDJSON", async () => {
      const events = Array.from({ length: 1001 }, (_, i) => ({ message: `m${i}` }));
      const json = await post(JSON.stringify(events), { "x-logwell-key": key });
      expect(json.status).toBe(413);
      const ndjson = await post(events.map((e) => JSON.stringify(e)).join("\n"), {
        "content-type": "application/x-ndjson",
        "x-logwell-key": key,
      });
      expect(ndjson.status).toBe(413);
    });
  });

  it("X-Request-ID is echoed only when it is a UUID", async () => {
    for (const given of ["not-a-uuid", "a\u00e9b", "x".repeat(500)]) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": encodeURI(given) },
        body: event(),
      });
      const id = res.headers.get("x-request-id");
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(id).not.toBe(given);
    }
  });

  it("hostile events never cause a 5xx (TC-05, TC-08 over HTTP)", async () => {
    const deep = (n: number) => `${'{"a":'.repeat(n)}0${"}".repeat(n)}`;
    const bodies = [
      `[{"message":"nul \\u0000 and \\ud800","\\u0000k":"\\udfff"}]`,
      `{"message":"deep 6500","attributes":${deep(6500)}}`,
      `{"message":"deep 12000","attributes":${deep(12_000)}}`,
      `{"message":"x","timestamp":"infinity","n":1e309,"big":12345678901234567890}`,
      `{"message":"x","__proto__":{"polluted":1},"constructor":{"prototype":{}}}`,
      `{"message":"x","level":{"nested":true},"url":["a"],"id":7}`,
    ];
    for (const body of bodies) {
      const res = await post(body, { "x-logwell-key": key });
      expect(res.status).toBe(202);
    }
  });

  // TC-31: planted secrets are neither stored nor logged in clear (checked after the server stops).
  const secrets = ["hunter2-pw", "tok_9f8e7d6c5b4a", "4111 1111 1111 1111", "eyJhbGciOi.sess"];
  it("TC-31 planted secrets are accepted but redacted", async () => {
    const res = await post(
      JSON.stringify({
        message: `login failed for bob?password=${secrets[0]} card ${secrets[2]}`,
        url: `https://app.example.com/cb?access_token=${secrets[1]}`,
        stack: `Error\n at fetch (Authorization: Bearer ${secrets[3]})`,
        attributes: { headers: { cookie: `sid=${secrets[3]}` }, password: secrets[0] },
      }),
      { "x-logwell-key": key },
      `?key=${key}`,
    );
    expect(res.status).toBe(202);
  });

  it("rows exist only for 202 responses, exactly `accepted` of them per request", async () => {
    await seeded.stopServer();
    const rows = await seeded.withDb((db) =>
      queryRows<{ request_id: string; n: number }>(
        db,
        sql`select request_id::text, count(*)::int as n from logs group by request_id`,
      ),
    );
    const stored = new Map(rows.map((r) => [r.request_id, Number(r.n)]));
    const dump = await seeded.withDb((db) =>
      queryRows<{ row: string }>(db, sql`select logs::text as row from logs`),
    );
    const everything = dump.map((r) => r.row).join("\n") + seeded.server.output();
    for (const secret of [...secrets, key.slice(7)]) expect(everything).not.toContain(secret);
    expect(sent.size).toBeGreaterThan(30);
    for (const [requestId, { status, accepted }] of sent) {
      expect(stored.get(requestId) ?? 0, `${requestId} answered ${status}`).toBe(
        status === 202 ? accepted : 0,
      );
    }
  });
});
