import { exportLogsRequest } from "./messages";
import { malformed } from "./refusals";
import { requestEvents } from "./request";

// application/x-protobuf: bytes → raw events, decoded by protobufjs from the official
// definitions. protobufjs decodes nested messages (and skips unknown groups) by recursion, and
// stops at its recursionLimit (100 levels, protoc's default) with an error before going deeper:
// a body of a megabyte of nested length prefixes is a 400, not a stack overflow (threat V-4).
// The deepest attribute Logwell stores (JSON depth 8) sits 26 protobuf levels down.

export function decodeOtlpProtobuf(bytes: Uint8Array, maxRecords: number): unknown[] {
  let request: unknown;
  try {
    request = exportLogsRequest.decode(bytes);
  } catch (err) {
    // Truncated bytes, a bad wire type, nesting past the limit: all the client's doing.
    throw malformed(err instanceof Error ? err.message : "undecodable", err);
  }
  return requestEvents(request, maxRecords);
}
