import { type NativeBody, parseNativeBody, type RawEvent } from "./native";
import { decodeOtlpJson } from "./otlp/json";
import { decodeOtlpProtobuf } from "./otlp/protobuf";
import { decodeEnvelope, decodeStoreBody, type SentryDecoded } from "./sentry/decode";
import { hasSdkHealth, type SdkHealth, SdkHealthCounter } from "./sentry/sdk-health";
import { asObject } from "./sentry/values";

// Every body format ingest reads, and how it becomes raw native-shaped events: one table, used
// by the main thread and the preparation threads (prepare/) alike, so a job names its format by
// a string that can cross to a thread. A protocol's endpoint maps media types to these formats
// (request/body.ts AcceptedBodies).

export interface DecodeContext {
  /** Events (records) per request: more is a 413 (LOGWELL_MAX_EVENTS_PER_REQUEST). */
  maxEvents: number;
  receivedAt: Date;
}

export interface Decoded {
  /** One raw event per event the body held, or an UnparseableLine for one that is rejected. */
  events: RawEvent[];
  /** Facts the protocol's answer needs (plain strings: they may come from a thread). */
  answer?: Record<string, string>;
  /** Sentry release health and client drops the body reported (stored beside the events). */
  sdkHealth?: SdkHealth;
}

type Decoder =
  | { input: "text"; decode(text: string, context: DecodeContext): Decoded }
  | { input: "bytes"; decode(bytes: Uint8Array, context: DecodeContext): Decoded };

export const decoders = {
  json: {
    input: "text",
    decode: (text, c) => nativeDecoded(parseNativeBody(text, "json", c.maxEvents), c),
  },
  ndjson: {
    input: "text",
    decode: (text, c) => nativeDecoded(parseNativeBody(text, "ndjson", c.maxEvents), c),
  },
  "otlp-json": {
    input: "text",
    decode: (text, c) => ({ events: decodeOtlpJson(text, c.maxEvents) }),
  },
  "otlp-protobuf": {
    input: "bytes",
    decode: (bytes, c) => ({ events: decodeOtlpProtobuf(bytes, c.maxEvents) }),
  },
  "sentry-envelope": {
    input: "bytes",
    decode: (bytes, c) => sentryDecoded(decodeEnvelope(bytes, c)),
  },
  "sentry-store": {
    input: "bytes",
    decode: (bytes) => sentryDecoded(decodeStoreBody(bytes)),
  },
} satisfies Record<string, Decoder>;

/**
 * A native body's `dropped` (the Logwell script's queue overflow) is a client report like a
 * Sentry SDK's, of category `log`: the same caps, the same client-drop counters.
 */
function nativeDecoded({ events, dropped }: NativeBody, c: DecodeContext): Decoded {
  const reasons = asObject(dropped);
  if (!reasons) return { events };
  const report = new SdkHealthCounter(c.receivedAt, 0);
  report.addClientReport({
    discarded_events: Object.entries(reasons)
      .slice(0, 64)
      .map(([reason, quantity]) => ({ reason, category: "log", quantity })),
  });
  const health = report.result();
  return { events, ...(hasSdkHealth(health) && { sdkHealth: health }) };
}

/** The answer names the envelope's event id; health counters ride along when there are any. */
function sentryDecoded({ events, eventId, health }: SentryDecoded): Decoded {
  return {
    events,
    ...(eventId && { answer: { id: eventId } }),
    ...(hasSdkHealth(health) && { sdkHealth: health }),
  };
}

export type BodyFormat = keyof typeof decoders;

/** A body as its format's decoder takes it: UTF-8 text (with replacement) or bytes. */
export type Body = { text: string } | { bytes: Uint8Array };

export function decodeBody(format: BodyFormat, body: Body, context: DecodeContext): Decoded {
  const decoder: Decoder = decoders[format];
  if (decoder.input === "text") {
    return decoder.decode(
      "text" in body ? body.text : new TextDecoder().decode(body.bytes),
      context,
    );
  }
  return decoder.decode(
    "bytes" in body ? body.bytes : new TextEncoder().encode(body.text),
    context,
  );
}

/** Its length, for choosing where to prepare it (characters or bytes: about the same work). */
export function bodyLength(body: Body): number {
  return "text" in body ? body.text.length : body.bytes.length;
}
