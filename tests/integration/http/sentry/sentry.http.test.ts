import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { fc } from "@fast-check/vitest";
import * as Sentry from "@sentry/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminToken } from "@/lib/auth/admin-tokens";
import type { Db } from "@/lib/db/open";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../../support/db";
import { type ServerSeededWith, startServerSeededWith } from "../../../support/seed";
import { envelopeBytes } from "../../../unit/ingest/decode/sentry/arbitraries";
import { sentryClient } from "./sentry-client";

// Sentry SDKs against `npm start` (docs/api.md → Sentry): the real @sentry/node client for what
// it sends (exceptions with causes, messages, logs, retries of one event_id, a wrong key, a rate
// limit), hand-made envelopes for what it does not (attachments, unknown items, encodings,
// broken framing). Every mapping is read back through GET /api/v1/logs.

interface Seeded {
  admin: string;
  main: { id: string; number: number; key: string };
  other: { id: string; number: number; key: string };
  limited: { id: string; number: number; key: string };
}

async function seed(db: Db): Promise<Seeded> {
  const project = async (name: string) => {
    const { project, key } = await createProject(db, {
      name,
      ...(name === "limited" ? { rateLimitEventsPerMinute: 2 } : {}),
    });
    return { id: project.id, number: project.number, key };
  };
  return {
    admin: (await createAdminToken(db, { name: "reader", role: "viewer" }, "cli")).token,
    main: await project("main"),
    other: await project("other"),
    limited: await project("limited"),
  };
}

interface StoredLog {
  event_id: string | null;
  message: string;
  level: string;
  stack: string | null;
  [field: string]: unknown;
  attributes: Record<string, unknown> | null;
}

// `npm start` serves these paths on its direct lane; plain `next start` (Vercel, standalone)
// through Next's router, where the trailing slash must not be redirected.
const servers = backends().flatMap((backend) => [
  { backend, lane: "npm start", plainNextStart: false },
  { backend, lane: "next start", plainNextStart: true },
]);

describe.each(servers)("Sentry endpoints on $lane ($backend)", ({ backend, plainNextStart }) => {
  let started: ServerSeededWith<Seeded>;
  let base: string;
  let seeded: Seeded;
  const dsnFor = (p: { key: string; number: number }, key = p.key) =>
    `http://${key}@${new URL(base).host}/${p.number}`;

  beforeAll(async () => {
    started = await startServerSeededWith(backend, seed, {}, { plainNextStart });
    base = started.server.url;
    seeded = started.seeded;
  }, 180_000);
  afterAll(async () => {
    await started?.cleanup();
  });

  async function logsOf(projectId: string): Promise<StoredLog[]> {
    const res = await fetch(`${base}/api/v1/logs?project=${projectId}&limit=200`, {
      headers: { authorization: `Bearer ${seeded.admin}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { logs: StoredLog[] }).logs;
  }

  async function post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
    const res = await fetch(base + path, {
      method: "POST",
      body: typeof body === "string" ? body : new Uint8Array(body),
      headers,
      redirect: "manual",
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }

  const envelopePath = (p: { number: number; key: string }, key = p.key, slash = "/") =>
    `/api/${p.number}/envelope${slash}?sentry_key=${key}&sentry_version=7`;

  function envelope(headers: object, ...items: Array<[object, string | Buffer]>): Buffer {
    const parts: Buffer[] = [Buffer.from(JSON.stringify(headers))];
    for (const [itemHeaders, payload] of items) {
      parts.push(Buffer.from(`\n${JSON.stringify(itemHeaders)}\n`), Buffer.from(payload));
    }
    return Buffer.concat(parts);
  }

  it("@sentry/node: an exception with its cause, a message and a log, each read back", async () => {
    const sentry = sentryClient(dsnFor(seeded.main));
    sentry.scope.setTag("route", "/checkout");
    sentry.scope.setUser({ id: "user-7" });
    sentry.scope.addBreadcrumb({ message: "clicked pay", category: "ui.click" });
    const exceptionId = sentry.scope.captureException(
      new Error("payment failed", { cause: new TypeError("card is undefined") }),
    );
    const messageId = sentry.scope.captureMessage("stock is low", "warning");
    Sentry.logger.warn("disk almost full", { free_mb: 12 }, { scope: sentry.scope });
    expect(await sentry.flush()).toBe(true);
    expect(sentry.statuses).toEqual([200, 200, 200]);

    const logs = await logsOf(seeded.main.id);
    const exception = logs.find((l) => l.event_id === exceptionId);
    expect(exception).toMatchObject({
      message: "Error: payment failed",
      level: "error",
      logger: "sentry.javascript.node",
      release: "api@1.2.3",
      environment: "test",
      user_id: "user-7",
    });
    expect(exception?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    const stack = (exception?.stack ?? "").split("\n");
    expect(stack[0]).toBe("Error: payment failed");
    expect(stack[1]).toMatch(/^ {4}at .*sentry\.http\.test\.ts:\d+:\d+\)?$/);
    expect(stack).toContain("Caused by: TypeError: card is undefined");
    expect(exception?.attributes).toMatchObject({
      tags: { route: "/checkout" },
      sdk: { name: "sentry.javascript.node", version: "11.12.0" },
      platform: "node",
      breadcrumbs: [expect.objectContaining({ message: "clicked pay" })],
    });
    const values = (exception?.attributes?.exception ?? []) as Array<Record<string, unknown>>;
    expect(values.map((v) => v.type)).toEqual(["TypeError", "Error"]);
    expect(JSON.stringify(values)).not.toMatch(/context_line|pre_context|"vars"/);

    expect(logs.find((l) => l.event_id === messageId)).toMatchObject({
      message: "stock is low",
      level: "warn",
    });
    expect(logs.find((l) => l.message === "disk almost full")).toMatchObject({
      level: "warn",
      release: "api@1.2.3",
      environment: "test",
      attributes: expect.objectContaining({ free_mb: 12 }),
    });
  });

  it("@sentry/node: the same event_id sent twice is stored once, both answered 200", async () => {
    const sentry = sentryClient(dsnFor(seeded.main));
    const eventId = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    sentry.scope.captureEvent({ event_id: eventId, message: "sent twice" });
    sentry.scope.captureEvent({ event_id: eventId, message: "sent twice" });
    expect(await sentry.flush()).toBe(true);
    expect(sentry.statuses).toEqual([200, 200]);
    const stored = (await logsOf(seeded.main.id)).filter((l) => l.event_id === eventId);
    expect(stored).toHaveLength(1);
  });

  it("@sentry/node: an unknown key is 401, another project's key 403; nothing stored", async () => {
    const before = (await logsOf(seeded.main.id)).length;
    const unknown = sentryClient(dsnFor(seeded.main, "lw_pub_0000000000000000000000"));
    unknown.scope.captureMessage("never stored");
    const foreign = sentryClient(dsnFor(seeded.main, seeded.other.key));
    foreign.scope.captureMessage("never stored either");
    await Promise.all([unknown.flush(), foreign.flush()]);
    expect(unknown.statuses).toEqual([401]);
    expect(foreign.statuses).toEqual([403]);
    expect(await logsOf(seeded.main.id)).toHaveLength(before);
    expect(await logsOf(seeded.other.id)).toHaveLength(0);
  });

  it("@sentry/node: over the project's limit it gets 429 with X-Sentry-Rate-Limits, and holds back", async () => {
    const sentry = sentryClient(dsnFor(seeded.limited));
    for (const n of [1, 2, 3]) {
      sentry.scope.captureMessage(`event ${n}`);
      await sentry.flush();
    }
    expect(sentry.statuses).toEqual([200, 200, 429]);
    const refused = await post(
      envelopePath(seeded.limited),
      envelope({}, [{ type: "event" }, "{}"]),
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("x-sentry-rate-limits")).toMatch(/^\d+::project:/);
    // The SDK read the header: its next event is dropped on the client, no request made.
    const made = sentry.requests.length;
    sentry.scope.captureMessage("event 4");
    await sentry.flush();
    expect(sentry.requests).toHaveLength(made);
    expect((await logsOf(seeded.limited.id)).map((l) => l.message).sort()).toEqual([
      "event 1",
      "event 2",
    ]);
  });

  it("answers both URL forms of both endpoints directly, never a redirect", async () => {
    for (const slash of ["/", ""]) {
      const answer = await post(
        envelopePath(seeded.main, seeded.main.key, slash),
        envelope({}, [{ type: "event" }, JSON.stringify({ message: `envelope${slash}` })]),
      );
      expect(answer.status).toBe(200);
      const store = await post(
        `/api/${seeded.main.number}/store${slash}?sentry_key=${seeded.main.key}`,
        JSON.stringify({
          event_id: `0000000000000000000000000000000${slash ? 1 : 2}`,
          message: `store${slash}`,
        }),
      );
      expect(store).toMatchObject({
        status: 200,
        body: { id: expect.stringMatching(/^0{31}[12]$/) },
      });
    }
    const messages = (await logsOf(seeded.main.id)).map((l) => l.message);
    expect(messages).toEqual(expect.arrayContaining(["envelope/", "envelope", "store/", "store"]));
    // Pages keep their canonical slash-less form (proxy.ts), as before.
    const page = await fetch(`${base}/projects/`, { redirect: "manual" });
    expect(page.status).toBe(308);
    expect(new URL(page.headers.get("location") ?? "", base).pathname).toBe("/projects");
  });

  it("the key from X-Sentry-Auth or from the envelope's dsn header", async () => {
    const auth = await post(
      `/api/${seeded.main.number}/envelope/`,
      envelope({}, [{ type: "event" }, JSON.stringify({ message: "by header" })]),
      {
        "x-sentry-auth": `Sentry sentry_version=7 ,  sentry_key=${seeded.main.key}, sentry_client=x/1`,
      },
    );
    expect(auth.status).toBe(200);
    const dsn = await post(
      `/api/${seeded.main.number}/envelope/`,
      envelope({ dsn: dsnFor(seeded.main) }, [
        { type: "event" },
        JSON.stringify({ message: "by dsn" }),
      ]),
    );
    expect(dsn.status).toBe(200);
    const none = await post(
      `/api/${seeded.main.number}/envelope/`,
      envelope({}, [{ type: "event" }, "{}"]),
    );
    expect(none.status).toBe(401);
  });

  it("hand-made: a binary attachment with a length, unknown items, and every encoding", async () => {
    const attachment = Buffer.from([0x00, 0x0a, 0xff, 0x7b, 0x0a, 0x0a, 0x7d]);
    const body = (message: string, id: string) =>
      envelope(
        { event_id: id },
        [{ type: "attachment", length: attachment.length, filename: "core.bin" }, attachment],
        [{ type: "event" }, JSON.stringify({ message })],
        [{ type: "hologram" }, "{}"],
        [{ type: "client_report" }, JSON.stringify({ discarded_events: [] })],
        [{ type: "session" }, JSON.stringify({ sid: "s", init: true, status: "ok" })],
      );
    const encodings: Array<[string, (b: Buffer) => Buffer]> = [
      ["identity", (b) => b],
      ["gzip", gzipSync],
      ["deflate", deflateSync],
      ["br", brotliCompressSync],
    ];
    for (const [i, [encoding, encode]] of encodings.entries()) {
      const id = `${i}`.padStart(32, "f");
      const answer = await post(envelopePath(seeded.other), encode(body(`with ${encoding}`, id)), {
        "content-encoding": encoding,
        "content-type": "application/x-sentry-envelope",
      });
      expect(answer).toMatchObject({ status: 200, body: { id } });
    }
    const stored = await logsOf(seeded.other.id);
    expect(stored.map((l) => l.message).sort()).toEqual([
      "with br",
      "with deflate",
      "with gzip",
      "with identity",
    ]);
  });

  it("400 for broken framing, 413 over the cap after decompression; nothing stored", async () => {
    const before = (await logsOf(seeded.other.id)).length;
    const broken = await post(envelopePath(seeded.other), "not an envelope\n{}");
    expect(broken.status).toBe(400);
    const short = await post(
      envelopePath(seeded.other),
      envelope({}, [{ type: "event", length: 500 }, JSON.stringify({ message: "short" })]),
    );
    expect(short.status).toBe(400);
    const huge = gzipSync(
      envelope({}, [{ type: "event" }, JSON.stringify({ message: "x".repeat(2 * 1024 * 1024) })]),
    );
    const tooLarge = await post(envelopePath(seeded.other), huge, { "content-encoding": "gzip" });
    expect(tooLarge.status).toBe(413);
    expect(await logsOf(seeded.other.id)).toHaveLength(before);
  });

  it("a malformed item is refused alone; an envelope of nothing valid is 400", async () => {
    const mixed = await post(
      envelopePath(seeded.main),
      envelope(
        {},
        [{ type: "event" }, "{not json"],
        [{ type: "log" }, JSON.stringify({ items: [{ body: "kept beside a broken event" }, 7] })],
      ),
    );
    expect(mixed).toMatchObject({ status: 200, body: {} });
    const messages = (await logsOf(seeded.main.id)).map((l) => l.message);
    expect(messages).toContain("kept beside a broken event");
    const broken = await post(envelopePath(seeded.main), envelope({}, [{ type: "event" }, "[]"]));
    expect(broken.status).toBe(400);
  });

  it("hostile bodies: 200, 400 or 413, never a 5xx", async () => {
    const bodies = fc.oneof(envelopeBytes, fc.uint8Array({ maxLength: 256 }));
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom("envelope", "store"), async (body, kind) => {
        const path = `/api/${seeded.other.number}/${kind}/?sentry_key=${seeded.other.key}`;
        const answer = await post(path, Buffer.from(body));
        expect([200, 400, 413]).toContain(answer.status);
      }),
      { numRuns: 60 },
    );
  });

  it("CORS like native ingest, with Retry-After and X-Sentry-Rate-Limits exposed", async () => {
    const origin = "https://app.example";
    const answer = await post(
      envelopePath(seeded.main),
      envelope({}, [{ type: "event" }, JSON.stringify({ message: "from a page" })]),
      { origin, "content-type": "text/plain;charset=UTF-8" },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe(origin);
    const exposed = answer.headers.get("access-control-expose-headers") ?? "";
    expect(exposed).toMatch(/Retry-After/i);
    expect(exposed).toMatch(/X-Sentry-Rate-Limits/i);
    const preflight = await fetch(`${base}${envelopePath(seeded.main)}`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-sentry-auth",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers") ?? "").toMatch(/X-Sentry-Auth/i);
  });
});
