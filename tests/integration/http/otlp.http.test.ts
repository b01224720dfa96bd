import { fc } from "@fast-check/vitest";
import { type DiagLogger, DiagLogLevel, diag, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { OTLPLogExporter as JsonExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtobufExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchLogRecordProcessor,
  LoggerProvider,
  type LogRecordExporter,
} from "@opentelemetry/sdk-logs";
import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAdminToken } from "@/lib/auth/admin-tokens";
import { queryRows } from "@/lib/db/query";
import { exportLogsResponse, rpcStatus } from "@/lib/ingest/decode/otlp/messages";
import { backends } from "../../support/db";
import {
  type SeededProject,
  type ServerSeededWith,
  seedProject,
  startServerSeededWith,
} from "../../support/seed";
import { request, str, toProtobuf } from "../../unit/ingest/decode/otlp/requests";
import { hostileString } from "../../unit/ingest/normalize/arbitraries";

// Issue 13 §1 and §3 against `npm start`: the real OpenTelemetry JS logs SDK with its OTLP/HTTP
// JSON and protobuf exporters, pointed at Logwell as its users would (the base URL in
// OTEL_EXPORTER_OTLP_ENDPOINT, or the full path as `url`), every mapping read back through
// GET /api/v1/logs; the status table; and fuzzed bodies, with what each 200 acknowledged
// counted in the database at the end (conservation).

const numRuns = Number(process.env.LOGWELL_FUZZ_RUNS) || 40;
const exporters = { json: JsonExporter, protobuf: ProtobufExporter } as const;
type ExporterKind = keyof typeof exporters;
type ExporterConfig = ConstructorParameters<typeof JsonExporter>[0];
interface ExportOutcome {
  code: number;
  error?: Error & { code?: number };
}
const success = 0;
// CompressionAlgorithm.GZIP, without importing the exporters' internal base package.
const gzip = "gzip" as NonNullable<ExporterConfig>["compression"];
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Warnings the SDK writes through its diag logger (partial success, retries). */
const diagMessages: string[] = [];
const diagLogger: DiagLogger = {
  error: (...args) => diagMessages.push(args.join(" ")),
  warn: (...args) => diagMessages.push(args.join(" ")),
  info: (...args) => diagMessages.push(args.join(" ")),
  debug: () => {},
  verbose: () => {},
};

interface Seeded {
  main: SeededProject;
  limited: SeededProject;
  admin: string;
}

describe.each(backends())("OTLP/HTTP logs on npm start (%s)", (backend) => {
  let started: ServerSeededWith<Seeded>;
  let base: string;
  /** request id → records the 200 acknowledged (records − rejected), for the final count. */
  const acknowledged = new Map<string, number>();
  /** request ids answered with a 4xx: nothing of them may be stored. */
  const refused = new Set<string>();

  beforeAll(async () => {
    started = await startServerSeededWith(backend, async (db) => ({
      main: await seedProject(db, { name: "otel", rateLimitPerIpPerMinute: 1_000_000 }),
      limited: await seedProject(db, {
        name: "limited",
        rateLimitPerIpPerMinute: 1_000_000,
        rateLimitEventsPerMinute: 3,
      }),
      admin: (await createAdminToken(db, { name: "reader", role: "viewer" }, "cli")).token,
    }));
    base = started.server.url;
    diag.setLogger(diagLogger, DiagLogLevel.INFO);
  }, 180_000);
  afterAll(async () => {
    diag.disable();
    await started?.cleanup();
  });
  afterEach(() => {
    diagMessages.length = 0;
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_EXPORTER_OTLP_HEADERS;
  });

  /** Emits through a real LoggerProvider and one exporter; one export per flush. */
  async function emitThrough(
    kind: ExporterKind,
    config: ExporterConfig,
    emit: (provider: LoggerProvider) => void,
  ): Promise<ExportOutcome[]> {
    const real = new exporters[kind](config);
    const outcomes: ExportOutcome[] = [];
    const spy: LogRecordExporter = {
      export: (records, done) =>
        real.export(records, (result) => {
          outcomes.push(result);
          done(result);
        }),
      shutdown: () => real.shutdown(),
      forceFlush: () => real.forceFlush(),
    };
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({
        "service.name": "checkout-api",
        "service.version": "4.2.0",
        "deployment.environment.name": "staging",
      }),
      processors: [
        new BatchLogRecordProcessor({
          exporter: spy,
          maxExportBatchSize: 1000,
          maxQueueSize: 1000,
          scheduledDelayMillis: 60_000,
        }),
      ],
    });
    emit(provider);
    await provider.forceFlush();
    await provider.shutdown();
    return outcomes;
  }

  const keyHeader = (key = started.seeded.main.key) => ({ authorization: `Bearer ${key}` });

  async function readBack(query: string): Promise<Array<Record<string, unknown>>> {
    const res = await fetch(
      `${base}/api/v1/logs?project=${started.seeded.main.id}&limit=200&${query}`,
      { headers: { authorization: `Bearer ${started.seeded.admin}` } },
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { logs: Array<Record<string, unknown>> }).logs;
  }

  const traceId = "5B8EFFF798038103D269B633813FC60C";
  const spanId = "EEE19B7EC3C1B174";

  describe.each(Object.keys(exporters) as ExporterKind[])("the %s exporter", (kind) => {
    it("with gzip and OTEL_EXPORTER_OTLP_ENDPOINT: every mapping, read back", async () => {
      process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `${base}/api/otlp`;
      process.env.OTEL_EXPORTER_OTLP_HEADERS = `authorization=Bearer ${started.seeded.main.key}`;
      const session = `session-${kind}`;
      const outcomes = await emitThrough(kind, { compression: gzip }, (provider) => {
        const context = trace.setSpanContext(ROOT_CONTEXT, {
          traceId: traceId.toLowerCase(),
          spanId: spanId.toLowerCase(),
          traceFlags: 1,
        });
        provider.getLogger("checkout", "1.0.0").emit({
          timestamp: new Date("2026-12-07T18:00:00.123Z"),
          severityNumber: SeverityNumber.ERROR,
          severityText: "ERROR",
          body: `payment failed (${kind})`,
          context,
          attributes: {
            "log.record.uid": `uid-mapping-${kind}`,
            "session.id": session,
            "user.id": "user-7",
            "url.full": "https://shop.example/pay?token=abc&step=2",
            "exception.stacktrace": "Error: declined\n    at pay (pay.js:10:5)",
            "cart.items": 3,
            "feature.flags": ["a", "b"],
          },
        });
        provider
          .getLogger("checkout")
          .emit({ eventName: "cart.viewed", attributes: { "session.id": session } });
        provider
          .getLogger("checkout")
          .emit({ body: { kind: "structured", n: 1 }, attributes: { "session.id": session } });
      });
      expect(outcomes).toEqual([{ code: success }]);
      expect(diagMessages.join("\n")).not.toContain("Partial Success");
      const logs = await readBack(`session_id=${session}`);
      expect(logs.map((l) => l.message).sort()).toEqual(
        ["cart.viewed", `payment failed (${kind})`, '{"kind":"structured","n":1}'].sort(),
      );
      const main = logs.find((l) => l.event_id === `uid-mapping-${kind}`);
      expect(main).toMatchObject({
        level: "error",
        message: `payment failed (${kind})`,
        timestamp: "2026-12-07T18:00:00.123000Z",
        logger: "checkout",
        release: "4.2.0",
        environment: "staging",
        session_id: session,
        user_id: "user-7",
        url: "https://shop.example/pay?token=[redacted]&step=2",
        stack: "Error: declined\n    at pay (pay.js:10:5)",
        trace_id: traceId.toLowerCase(),
        user_agent: expect.stringContaining("OTel-OTLP-Exporter-JavaScript"),
      });
      expect(main?.attributes).toMatchObject({
        "cart.items": 3,
        "feature.flags": ["a", "b"],
        "user.id": "user-7",
        "session.id": "[redacted]",
        resource: {
          "service.name": "checkout-api",
          "service.version": "4.2.0",
          "deployment.environment.name": "staging",
        },
        scope: { name: "checkout", version: "1.0.0" },
        span_id: spanId.toLowerCase(),
      });
    });

    it("with the full path as url and X-Logwell-Key: the severity table", async () => {
      const outcomes = await emitThrough(
        kind,
        { url: `${base}/api/otlp/v1/logs`, headers: { "x-logwell-key": started.seeded.main.key } },
        (provider) => {
          const logger = provider.getLogger("severity");
          for (let n = 1; n <= 24; n++) {
            logger.emit({
              severityNumber: n,
              body: `severity ${n}`,
              attributes: { "session.id": `sev-${kind}` },
            });
          }
          logger.emit({
            severityText: "WARNING",
            body: "text only",
            attributes: { "session.id": `sev-${kind}` },
          });
          logger.emit({ body: "neither", attributes: { "session.id": `sev-${kind}` } });
        },
      );
      expect(outcomes).toEqual([{ code: success }]);
      const logs = await readBack(`session_id=sev-${kind}`);
      const levelOf = new Map(logs.map((l) => [l.message, l.level]));
      const names = ["trace", "debug", "info", "warn", "error", "fatal"];
      for (let n = 1; n <= 24; n++)
        expect(levelOf.get(`severity ${n}`)).toBe(names[Math.floor((n - 1) / 4)]);
      expect(levelOf.get("text only")).toBe("warn");
      expect(levelOf.get("neither")).toBe("info");
    });

    it("log.record.uid sent twice is stored once; the repeat is a full success", async () => {
      const emitOnce = () =>
        emitThrough(
          kind,
          { url: `${base}/api/otlp/v1/logs?key=${started.seeded.main.key}` },
          (provider) =>
            provider.getLogger("dedup").emit({
              body: "stored once",
              attributes: { "log.record.uid": `uid-dedup-${kind}`, "session.id": `dedup-${kind}` },
            }),
        );
      expect(await emitOnce()).toEqual([{ code: success }]);
      expect(await emitOnce()).toEqual([{ code: success }]);
      expect(diagMessages.join("\n")).not.toContain("Partial Success");
      expect(await readBack(`session_id=dedup-${kind}`)).toHaveLength(1);
    });

    it("one blank record among good ones: a partial success the SDK reads, the rest stored", async () => {
      const outcomes = await emitThrough(
        kind,
        { url: `${base}/api/otlp/v1/logs`, headers: keyHeader() },
        (provider) => {
          const logger = provider.getLogger("partial");
          logger.emit({ body: "good one", attributes: { "session.id": `partial-${kind}` } });
          logger.emit({ body: "   ", attributes: { "session.id": `partial-${kind}` } });
          logger.emit({ body: "good two", attributes: { "session.id": `partial-${kind}` } });
        },
      );
      expect(outcomes).toEqual([{ code: success }]);
      const warning = diagMessages.find((m) => m.includes("Received Partial Success response"));
      expect(warning).toMatch(/"rejectedLogRecords":("1"|1)/);
      expect(warning).toContain("record 1: log record body is blank");
      const logs = await readBack(`session_id=partial-${kind}`);
      expect(logs.map((l) => l.message).sort()).toEqual(["good one", "good two"]);
    });

    it("a wrong key: 401, and the export reports failure", async () => {
      const outcomes = await emitThrough(
        kind,
        { url: `${base}/api/otlp/v1/logs`, headers: keyHeader("lw_pub_wrongwrongwrongwrongwrong") },
        (provider) => provider.getLogger("x").emit({ body: "never stored" }),
      );
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]?.code).not.toBe(success);
      expect(outcomes[0]?.error?.code).toBe(401);
    });

    it("a rate-limited project: 429 with Retry-After, which the exporter honours and gives up on", async () => {
      // The project takes 3 events a minute: the second batch of 5 (if not the first) is over.
      const exportFive = () =>
        emitThrough(
          kind,
          { url: `${base}/api/otlp/v1/logs`, headers: keyHeader(started.seeded.limited.key) },
          (provider) => {
            const logger = provider.getLogger("limited");
            for (let i = 0; i < 5; i++) logger.emit({ body: `over the limit ${i}` });
          },
        );
      await exportFive();
      const outcomes = await exportFive();
      expect(outcomes[0]?.code).not.toBe(success);
      // The retrying transport read Retry-After (up to a minute) and found it past its timeout.
      expect(diagMessages.join("\n")).toMatch(/Export retry time \d+ms exceeds remaining timeout/);
    });
  });

  describe("the status table", () => {
    async function post(
      body: BodyInit,
      type: string,
      headers: Record<string, string> = keyHeader(),
    ) {
      const requestId = uuidv7();
      const res = await fetch(`${base}/api/otlp/v1/logs`, {
        method: "POST",
        headers: { "content-type": type, "x-request-id": requestId, ...headers },
        body,
      });
      return { res, requestId, bytes: new Uint8Array(await res.arrayBuffer()) };
    }

    it("malformed protobuf: 400 with a protobuf google.rpc.Status, final", async () => {
      const { res, bytes, requestId } = await post(
        Uint8Array.of(0x0a, 0x05, 0x01),
        "application/x-protobuf",
      );
      refused.add(requestId);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/x-protobuf");
      expect(rpcStatus.toObject(rpcStatus.decode(bytes))).toMatchObject({
        code: 3,
        message: expect.stringContaining("OTLP"),
      });
    });

    it("malformed OTLP/JSON: 400 with a JSON google.rpc.Status", async () => {
      const { res, bytes, requestId } = await post('{"resourceLogs":{}}', "application/json");
      refused.add(requestId);
      expect(res.status).toBe(400);
      expect(JSON.parse(Buffer.from(bytes).toString())).toMatchObject({
        code: 3,
        message: expect.any(String),
      });
    });

    it("415 for another media type; 413 over the body cap; 401 without a key", async () => {
      expect((await post("{}", "text/plain")).res.status).toBe(415);
      const big = new Uint8Array(1024 * 1024 + 1);
      expect((await post(big, "application/x-protobuf")).res.status).toBe(413);
      expect((await post("{}", "application/json", {})).res.status).toBe(401);
    });

    it("a browser exporter's preflight and POST get CORS headers", async () => {
      const origin = "https://app.example";
      const preflight = await fetch(`${base}/api/otlp/v1/logs`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type,x-logwell-key",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
      expect(preflight.headers.get("access-control-allow-headers")).toMatch(/X-Logwell-Key/i);
      const { res } = await post(
        JSON.stringify(request([{ body: { stringValue: "from a page" } }])),
        "application/json",
        {
          ...keyHeader(),
          origin,
        },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    });

    it("fuzz: any bytes, either encoding → 200 or 4xx, never 5xx", async () => {
      const valid = toProtobuf(
        request([{ body: { stringValue: "seed" } }, { body: { kvlistValue: {} } }]),
      );
      const bodies = fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 16 }), fc.nat()).map(([noise, at]) => {
          const cut = at % (valid.length + 1);
          return Uint8Array.from([...valid.subarray(0, cut), ...noise, ...valid.subarray(cut)]);
        }),
      );
      await fc.assert(
        fc.asyncProperty(
          bodies,
          fc.constantFrom("application/x-protobuf", "application/json"),
          async (body, type) => {
            const { res, bytes, requestId } = await post(body, type);
            expect([200, 400, 413]).toContain(res.status);
            if (res.status !== 200) {
              refused.add(requestId);
              return;
            }
            // A 200 for bytes nobody generated as records still acknowledges what it says.
            const answer =
              type === "application/json"
                ? (JSON.parse(Buffer.from(bytes).toString()) as {
                    partialSuccess?: { rejectedLogRecords: string };
                  })
                : exportLogsResponse.toObject(exportLogsResponse.decode(bytes), { longs: String });
            expect(answer).toBeDefined();
          },
        ),
        { numRuns },
      );
    });

    it("fuzz: generated requests → 200, and what each acknowledged is counted at the end", async () => {
      let run = 0;
      // protobuf strings must be UTF-8 (a lone surrogate is a 400, as from the Collector).
      const text = hostileString.map((s) => s.replace(loneSurrogate, "\uFFFD"));
      const record = fc.record({
        body: fc.oneof(
          text.map((s) => ({ stringValue: s })),
          fc.jsonValue({ maxDepth: 3 }).map((v) => ({ stringValue: JSON.stringify(v) })),
          fc.constant({}),
        ),
        severityNumber: fc.integer({ min: -5, max: 40 }),
        attributes: fc.array(
          fc.tuple(text, text).map(([k, v]) => str(k, v)),
          { maxLength: 4 },
        ),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(record, { maxLength: 12 }),
          fc.boolean(),
          async (records, asJson) => {
            run++;
            // Unique ids per run, so "stored once" and "acknowledged" are the same count.
            const withIds = records.map((r, i) => ({
              ...r,
              attributes: [str("log.record.uid", `fuzz-${backend}-${run}-${i}`), ...r.attributes],
            }));
            const json = request(withIds);
            const { res, bytes, requestId } = asJson
              ? await post(JSON.stringify(json), "application/json")
              : await post(toProtobuf(json), "application/x-protobuf");
            // A hostile string of a megabyte makes the body too large: refused whole.
            expect([200, 413]).toContain(res.status);
            if (res.status === 413) {
              refused.add(requestId);
              return;
            }
            const answer = asJson
              ? (JSON.parse(Buffer.from(bytes).toString()) as {
                  partialSuccess?: { rejectedLogRecords: string };
                })
              : exportLogsResponse.toObject(exportLogsResponse.decode(bytes), { longs: String });
            const rejected = Number(answer.partialSuccess?.rejectedLogRecords ?? 0);
            acknowledged.set(requestId, records.length - rejected);
          },
        ),
        { numRuns },
      );
    });
  });

  it("conservation: each 200 stored exactly what it acknowledged, each 4xx nothing", async () => {
    await started.stopServer();
    const counts = await started.withDb(async (db) => {
      const rows = await queryRows<{ request_id: string; n: number }>(
        db,
        sql`select request_id, count(*)::int as n from logs group by request_id`,
      );
      return new Map(rows.map((r) => [r.request_id, r.n]));
    });
    expect(acknowledged.size).toBeGreaterThan(0);
    for (const [requestId, n] of acknowledged)
      expect(counts.get(requestId) ?? 0, requestId).toBe(n);
    for (const requestId of refused) expect(counts.get(requestId) ?? 0, requestId).toBe(0);
  });
});
