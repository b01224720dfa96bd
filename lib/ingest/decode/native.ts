import { ApiError } from "@/lib/http/errors";
import { maxListedErrors } from "@/lib/ingest/normalize/limits";

// Body text → a list of raw events (still untrusted JSON values). JSON.parse itself is
// iterative and survives any nesting (threat V-4); nothing here walks into a value.

/** An NDJSON line that is not JSON: it becomes that event's rejection, not the batch's. */
export class UnparseableLine {
  constructor(readonly message: string) {}
}

export type RawEvent = unknown;

const tooMany = (maxEvents: number) =>
  new ApiError("payload_too_large", `At most ${maxEvents} events per request.`);

/** A native body: its events, and what the client says it dropped (`{"events", "dropped"}`). */
export interface NativeBody {
  events: RawEvent[];
  /** `{"<reason>": n}` as sent (untrusted; decoders.ts reads it as a client report). */
  dropped?: unknown;
}

export function parseEvents(
  text: string,
  format: "json" | "ndjson",
  maxEvents: number,
): RawEvent[] {
  return parseNativeBody(text, format, maxEvents).events;
}

export function parseNativeBody(
  text: string,
  format: "json" | "ndjson",
  maxEvents: number,
): NativeBody {
  return format === "ndjson"
    ? { events: parseNdjson(text, maxEvents) }
    : parseJson(text, maxEvents);
}

function parseJson(text: string, maxEvents: number): NativeBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ApiError("invalid_json", "The body is not valid JSON.", {
      cause: err,
      body: { errors: [] },
    });
  }
  const batch = isBatchEnvelope(value) ? value : undefined;
  const events = batch ? batch.events : Array.isArray(value) ? value : [value];
  if (events.length > maxEvents) throw tooMany(maxEvents);
  return batch ? { events, dropped: batch.dropped } : { events };
}

/** `{"events": [...]}`; an object whose `events` is not an array is a single event. */
function isBatchEnvelope(value: unknown): value is { events: unknown[]; dropped?: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.hasOwn(value, "events") &&
    Array.isArray((value as { events: unknown }).events)
  );
}

function parseNdjson(text: string, maxEvents: number): RawEvent[] {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  // Counted before any line is parsed: a 413 should cost as little as possible.
  if (lines.length > maxEvents) throw tooMany(maxEvents);
  const events = lines.map((line): RawEvent => {
    try {
      return JSON.parse(line);
    } catch {
      return new UnparseableLine("line is not valid JSON");
    }
  });
  if (events.length > 0 && events.every((e) => e instanceof UnparseableLine)) {
    throw new ApiError("invalid_json", "No line of the body is valid JSON.", {
      body: {
        errors: events
          .slice(0, maxListedErrors)
          .map((_, index) => ({ index, message: "line is not valid JSON" })),
      },
    });
  }
  return events;
}
