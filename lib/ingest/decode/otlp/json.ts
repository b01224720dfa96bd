import { malformed } from "./refusals";
import { requestEvents } from "./request";

// application/json (OTLP/JSON): text → raw events. JSON.parse is iterative (threat V-4); the
// mapping walks a fixed shape and caps attribute depth itself (values.ts).

export function decodeOtlpJson(text: string, maxRecords: number): unknown[] {
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch (err) {
    throw malformed("not JSON", err);
  }
  return requestEvents(request, maxRecords);
}
