import { ApiError } from "@/lib/http/errors";
import { UnparseableLine } from "../native";
import { parseEnvelope, parseJsonBytes } from "./envelope";
import { canonicalEventId, sentryEventToRaw } from "./event";
import { logItems, sentryLogToRaw } from "./log-item";
import { clockDriftMs } from "./timestamp";
import { nonBlank, own } from "./values";

// Sentry bodies → native raw events, one per stored event, in envelope order. Item types:
// `event` → one event; `log` → one per log; every other type (transaction, span, attachment,
// session, sessions, client_report, profile, replay_*, check_in, …) is accepted and not
// stored. A malformed item becomes a rejection of its own (UnparseableLine), never the
// envelope's: the others are still stored.

export interface SentryDecoded {
  events: unknown[];
  /** The id the answer names (`{"id": …}`): the envelope's event_id, else its event's. */
  eventId?: string;
  /** The envelope header's `dsn`, one of the places a key may come from. */
  dsn?: string;
}

export interface SentryDecodeOptions {
  receivedAt: Date;
  /** Stored events per request (LOGWELL_MAX_EVENTS_PER_REQUEST). */
  maxEvents: number;
}

const tooManyEvents = (maxEvents: number) =>
  new ApiError("payload_too_large", `At most ${maxEvents} events per request.`);

/** Items per envelope: more than any SDK sends, few enough to bound the framing work. */
export const maxEnvelopeItems = 1000;

export function decodeEnvelope(bytes: Uint8Array, options: SentryDecodeOptions): SentryDecoded {
  const envelope = parseEnvelope(bytes, maxEnvelopeItems);
  const headerId = canonicalEventId(own(envelope.headers, "event_id"));
  const driftMs = clockDriftMs(own(envelope.headers, "sent_at"), options.receivedAt);
  const events: unknown[] = [];
  const add = (event: unknown) => {
    if (events.length >= options.maxEvents) throw tooManyEvents(options.maxEvents);
    events.push(event);
  };
  let eventId = headerId;
  for (const item of envelope.items) {
    if (item.type === "event") {
      const mapped = sentryEventToRaw(parseJsonBytes(item.payload), { driftMs, eventId: headerId });
      add(mapped ?? new UnparseableLine("the event item is not a JSON object"));
      eventId ??= canonicalEventId(own(mapped, "id"));
    } else if (item.type === "log") {
      const logs = logItems(parseJsonBytes(item.payload));
      if (!logs) {
        add(new UnparseableLine("the log item has no list of items"));
        continue;
      }
      if (events.length + logs.length > options.maxEvents) throw tooManyEvents(options.maxEvents);
      for (const log of logs) {
        add(sentryLogToRaw(log, driftMs) ?? new UnparseableLine("a log is not a JSON object"));
      }
    }
  }
  return { events, eventId, dsn: nonBlank(own(envelope.headers, "dsn")) };
}

/** A /store/ body: one bare event. Not JSON, or not an object, is 400. */
export function decodeStoreBody(bytes: Uint8Array): SentryDecoded {
  // A store request has no sent_at: its times are taken as they are.
  const mapped = sentryEventToRaw(parseJsonBytes(bytes), { driftMs: 0 });
  if (!mapped) {
    throw new ApiError("invalid_json", "The body is not a Sentry event (one JSON object).", {
      body: { errors: [] },
    });
  }
  return { events: [mapped], eventId: canonicalEventId(own(mapped, "id")) };
}
