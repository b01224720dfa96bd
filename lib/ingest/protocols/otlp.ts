import type { RequestContext } from "@/lib/http/request-context";
import { errorAnswer, json } from "@/lib/http/respond";
import { exportLogsResponse, type Message, rpcStatus, type Type } from "../decode/otlp/messages";
import type { IngestProtocol, IngestResult } from "../ingest";
import { type AcceptedBodies, bodyShape, mediaTypeOf } from "../request/body";
import { presentedKey } from "../request/keys";

// POST /api/otlp/v1/logs (docs/api.md → OTLP): OTLP/HTTP logs as every OpenTelemetry SDK and
// the Collector send them. Answers follow the OTLP specification: in the request's encoding, a
// 200 ExportLogsServiceResponse whose partialSuccess is set only when records were rejected
// (duplicates are not rejections), and a google.rpc.Status for every 4xx and 5xx; only 429 and
// 503 are retryable, both with Retry-After.

const protobufType = "application/x-protobuf";

const otlpBodies: AcceptedBodies = {
  mediaTypes: new Map([
    [protobufType, "otlp-protobuf"],
    ["application/json", "otlp-json"],
  ]),
  hint: "Send OTLP as application/x-protobuf or application/json.",
};

// google.rpc.Code by HTTP status. The spec lets clients ignore it; it helps whoever reads logs.
const grpcCodes = new Map([
  [400, 3], // INVALID_ARGUMENT
  [401, 16], // UNAUTHENTICATED
  [403, 7], // PERMISSION_DENIED
  [413, 3],
  [415, 3],
  [429, 8], // RESOURCE_EXHAUSTED
  [503, 14], // UNAVAILABLE
]);
const internalCode = 13;

/** The same encoding as the request: protobuf, else JSON (also for a 415 of another type). */
function answersInProtobuf(request: Request): boolean {
  return mediaTypeOf(request.headers) === protobufType;
}

/** What the partial success says: how many, and the first reasons by record position. */
function rejectionMessage({ rejected, received, errors }: IngestResult): string {
  const reasons = errors.map((e) => `record ${e.index}: ${e.message}`).join("; ");
  return `${rejected} of ${received} log records rejected${reasons && `: ${reasons}`}`;
}

/** One message, written in the request's encoding (proto3 JSON: int64 as a string). */
function answerIn(ctx: RequestContext, status: number, type: Type, message: Message, extra = {}) {
  if (!answersInProtobuf(ctx.request)) {
    return json(ctx, status, type.toObject(message, { longs: String }), extra);
  }
  const headers = new Headers(ctx.headers);
  headers.set("content-type", protobufType);
  headers.set("x-request-id", ctx.requestId);
  headers.set("cache-control", "no-store");
  for (const [name, value] of Object.entries(extra)) headers.set(name, String(value));
  return new Response(type.encode(message).finish() as Uint8Array<ArrayBuffer>, {
    status,
    headers,
  });
}

export const otlpProtocol: IngestProtocol = {
  bodyShape: (headers) => bodyShape(headers, otlpBodies),
  presentedKey,
  answer(ctx, result) {
    const partialSuccess = {
      rejectedLogRecords: result.rejected,
      errorMessage: rejectionMessage(result),
    };
    const response = exportLogsResponse.fromObject(result.rejected === 0 ? {} : { partialSuccess });
    return answerIn(ctx, 200, exportLogsResponse, response);
  },
  errorResponse(ctx, err) {
    const { status, message, headers } = errorAnswer(ctx, err);
    const code = grpcCodes.get(status) ?? internalCode;
    return answerIn(ctx, status, rpcStatus, rpcStatus.fromObject({ code, message }), headers);
  },
};
