import { exportLogsRequest } from "@/lib/ingest/decode/otlp/messages";

// OTLP test requests written once, in OTLP/JSON (hex ids), and encoded to protobuf by protobufjs
// from the same object, so each mapping test runs on both encodings.

export type Json = Record<string, unknown>;

/** One resource, one scope, the given records. */
export function request(records: Json[], resource?: Json[], scope?: Json): Json {
  return {
    resourceLogs: [
      {
        ...(resource && { resource: { attributes: resource } }),
        scopeLogs: [{ ...(scope && { scope }), logRecords: records }],
      },
    ],
  };
}

export const str = (key: string, value: string) => ({ key, value: { stringValue: value } });

/** protobufjs's fromObject takes bytes as Uint8Array, not OTLP/JSON's hex. */
function hexIdsToBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hexIdsToBytes);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      (key === "traceId" || key === "spanId") && typeof item === "string"
        ? Buffer.from(item, "hex")
        : hexIdsToBytes(item),
    ]),
  );
}

export function toProtobuf(json: Json): Uint8Array<ArrayBuffer> {
  const message = exportLogsRequest.fromObject(hexIdsToBytes(json) as Json);
  return new Uint8Array(exportLogsRequest.encode(message).finish());
}
