import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { withRequestContext } from "@/lib/http/request-context";
import { exportLogsResponse, rpcStatus } from "@/lib/ingest/decode/otlp/messages";
import { ingest } from "@/lib/ingest/ingest";
import { otlpProtocol } from "@/lib/ingest/protocols/otlp";
import { backends } from "../../../support/db";
import { type SeededProject, seedProject } from "../../../support/seed";
import { useTestDatabase } from "../../../support/use-database";
import { request, str, toProtobuf } from "../../../unit/ingest/decode/otlp/requests";

// The OTLP protocol through the whole ingest pipeline (no HTTP server) on every backend: its
// answers in each encoding, partial success, and what is stored. tests/integration/http/
// otlp.http.test.ts drives the real OpenTelemetry exporters against `npm start`.

const protobuf = "application/x-protobuf";
const record = (message: string, uid?: string) => ({
  body: { stringValue: message },
  ...(uid && { attributes: [str("log.record.uid", uid)] }),
});

describe.each(backends())("OTLP ingest on %s", (backend) => {
  const database = useTestDatabase(backend);
  let project: SeededProject;
  beforeAll(async () => {
    project = await seedProject(database.db, { rateLimitPerIpPerMinute: 100_000 });
  });

  async function post(body: BodyInit, type: string, headers: Record<string, string> = {}) {
    const req = new Request("http://localhost/api/otlp/v1/logs", {
      method: "POST",
      headers: { "content-type": type, authorization: `Bearer ${project.key}`, ...headers },
      body,
    });
    const response = await withRequestContext(req, (ctx) =>
      ingest(ctx, otlpProtocol, { db: database.db }),
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { response, bytes };
  }
  const messagesOf = (requestId: string | null) =>
    queryRows<{ message: string }>(
      database.db,
      sql`select message from logs where request_id = ${requestId} order by id`,
    );

  it("protobuf, gzip: 200 with an empty ExportLogsServiceResponse, every record stored", async () => {
    const body = gzipSync(toProtobuf(request([record("p1"), record("p2")])));
    const { response, bytes } = await post(body, protobuf, { "content-encoding": "gzip" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(protobuf);
    expect(bytes.length).toBe(0);
    const rows = await messagesOf(response.headers.get("x-request-id"));
    expect(rows.map((r) => r.message)).toEqual(["p1", "p2"]);
  });

  it("JSON with a blank record: 200 partialSuccess naming it, the others stored", async () => {
    const body = JSON.stringify(request([record("j1"), record(" "), record("j2")]));
    const { response, bytes } = await post(body, "application/json");
    expect(response.status).toBe(200);
    expect(JSON.parse(Buffer.from(bytes).toString())).toEqual({
      partialSuccess: {
        rejectedLogRecords: "1",
        errorMessage: "1 of 3 log records rejected: record 1: log record body is blank",
      },
    });
    const rows = await messagesOf(response.headers.get("x-request-id"));
    expect(rows.map((r) => r.message)).toEqual(["j1", "j2"]);
  });

  it("every record rejected: 200 partialSuccess with all of them, nothing stored", async () => {
    const body = toProtobuf(request([record(""), {}]));
    const { response, bytes } = await post(body, protobuf);
    expect(response.status).toBe(200);
    const answer = exportLogsResponse.toObject(exportLogsResponse.decode(bytes), { longs: Number });
    expect(answer.partialSuccess.rejectedLogRecords).toBe(2);
    expect(await messagesOf(response.headers.get("x-request-id"))).toEqual([]);
  });

  it("an empty request: 200, full success", async () => {
    const { response, bytes } = await post("{}", "application/json");
    expect(response.status).toBe(200);
    expect(Buffer.from(bytes).toString()).toBe("{}");
  });

  it("log.record.uid sent again: stored once, and the repeat is no rejection", async () => {
    const body = toProtobuf(request([record("once", "uid-1"), record("once again", "uid-1")]));
    const first = await post(body, protobuf);
    const second = await post(body, protobuf);
    expect([first.bytes.length, second.bytes.length]).toEqual([0, 0]);
    const rows = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from logs where client_id = 'uid-1' and project_id = ${project.id}`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("refusals are google.rpc.Status in the request's encoding", async () => {
    const wrongKey = await post(toProtobuf(request([record("x")])), protobuf, {
      authorization: "Bearer lw_pub_AAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    });
    expect(wrongKey.response.status).toBe(401);
    expect(rpcStatus.toObject(rpcStatus.decode(wrongKey.bytes))).toMatchObject({ code: 16 });

    const malformed = await post(Uint8Array.of(0x0a, 0x05, 0x01), protobuf);
    expect(malformed.response.status).toBe(400);
    expect(rpcStatus.decode(malformed.bytes).toJSON().message).toMatch(/not a valid OTLP/);

    const json = await post("[1]", "application/json");
    expect(json.response.status).toBe(400);
    expect(JSON.parse(Buffer.from(json.bytes).toString())).toMatchObject({ code: 3 });

    const type = await post("x", "text/plain");
    expect(type.response.status).toBe(415);
    expect(JSON.parse(Buffer.from(type.bytes).toString())).toMatchObject({
      code: 3,
      message: expect.stringContaining("application/x-protobuf"),
    });
  });
});
