import { ApiError } from "@/lib/http/errors";
import { UnparseableLine } from "../native";
import { parseEnvelope, parseJsonBytes } from "./envelope";
import { canonicalEventId, sentryEventToRaw } from "./event";
import { logItems, sentryLogToRaw } from "./log-item";
import { type SdkHealth, SdkHealthCounter } from "./sdk-health";
import { clockDriftMs } from "./timestamp";
import { nonBlank, own } from "./values";

// Sentry bodies → native raw events, one per stored event, in envelope order. Item types:
// `event` → one event; `log` → one per log; `session`, `sessions` and `client_report` →
// counters (sdk-health.ts); every other type (transaction, span, attachment, profile,
// replay_*, check_in, …) is accepted and not stored. A malformed item becomes a rejection of its own (UnparseableLine), never the
// envelope's: the others are still stored.

export interface SentryDecoded {
  events: unknown[];
  /** The id the answer names (`{"id": …}`): the envelope's event_id, else its event's. */
  eventId?: string;
  /** The envelope header's `dsn`, one of the places a key may come from. */
  dsn?: string;
  /** Release health and client drops, summed over the envelope's items. */
  health: SdkHealth;
  /** session, sessions and client_report items read (they count against the event limit). */
  healthItems: number;
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

const healthReaders = {
  session: (counter: SdkHealthCounter, payload: unknown) => counter.addSession(payload),
  sessions: (counter: SdkHealthCounter, payload: unknown) => counter.addAggregates(payload),
  client_report: (counter: SdkHealthCounter, payload: unknown) => counter.addClientReport(payload),
};

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
  const health = new SdkHealthCounter(options.receivedAt, driftMs);
  let healthItems = 0;
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
    } else if (Object.hasOwn(healthReaders, item.type)) {
      healthItems++;
      healthReaders[item.type as keyof typeof healthReaders](health, parseJsonBytes(item.payload));
    }
  }
  return {
    events,
    eventId,
    dsn: nonBlank(own(envelope.headers, "dsn")),
    health: health.result(),
    healthItems,
  };
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
  return {
    events: [mapped],
    eventId: canonicalEventId(own(mapped, "id")),
    health: { sessions: [], drops: [] },
    healthItems: 0,
  };
}
