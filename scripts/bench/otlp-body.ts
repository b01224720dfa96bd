import { exportLogsRequest } from "@/lib/ingest/decode/otlp/messages";
import { decodeOtlpProtobuf } from "@/lib/ingest/decode/otlp/protobuf";
import { benchEvent, runPrefix } from "./events";

// OTLP/HTTP protobuf bodies for the ingest benchmark: the same events as ingest-body.ts's
// native batches, as an OpenTelemetry SDK would send them (one resource, one scope, the event's
// fields as a LogRecord and its semantic-convention attributes), each with a unique
// log.record.uid. Encoded once per batch size by protobufjs with fixed-width placeholder ids;
// each request copies the template and writes its ids in place (the same length keeps every
// length prefix valid), so the load generator spends its CPU sending, not encoding.
// otlpAsNativeBodies: the native JSON of exactly what those bodies decode to, the baseline the
// OTLP figure is compared with (the same stored content, sent the native way).

const severity = { info: 9, warn: 13, error: 17 } as const;
const idWidth = 29; // prefix(8)-batch(4)-seq(10)-index(4)
const placeholder = (i: number) => `#`.repeat(idWidth - 4) + String(i).padStart(4, "0");
const placeholders = new RegExp(`#{${idWidth - 4}}(\\d{4})`);

const str = (key: string, value: string) => ({ key, value: { stringValue: value } });

/** Record `i` of a request: the event ingest-body.ts's batches hold (three alternating). */
function record(id: string, i: number) {
  const e = benchEvent(id, i % 3);
  return {
    timeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
    severityNumber: severity[e.level],
    body: { stringValue: e.message },
    attributes: [
      str("log.record.uid", id),
      str("url.full", e.url),
      str("exception.stacktrace", e.stack),
      str("session.id", e.session_id),
      str("route", String(e.attributes.route)),
      { key: "cartItems", value: { intValue: Number(e.attributes.cartItems) } },
      { key: "retried", value: { boolValue: Boolean(e.attributes.retried) } },
      { key: "build", value: { intValue: Number(e.attributes.build) } },
    ],
  };
}

/** One request of `batchSize` records, with placeholder ids: one per batch size and run. */
function otlpTemplate(batchSize: number): Buffer {
  const made = templates.get(batchSize);
  if (made) return made;
  const first = benchEvent("", 0);
  const message = exportLogsRequest.fromObject({
    resourceLogs: [
      {
        resource: {
          attributes: [
            str("service.name", "shop-web"),
            str("service.version", first.release),
            str("deployment.environment.name", first.environment),
          ],
        },
        scopeLogs: [
          {
            scope: { name: first.logger },
            logRecords: Array.from({ length: batchSize }, (_, i) => record(placeholder(i), i)),
          },
        ],
      },
    ],
  });
  const template = Buffer.from(exportLogsRequest.encode(message).finish());
  templates.set(batchSize, template);
  return template;
}
const templates = new Map<number, Buffer>();

/** A request's ids: run prefix, batch size, request number, record index (fixed width). */
function idHead(prefix: string, batchSize: number, seq: number): string {
  return `${prefix}-${String(batchSize).padStart(4, "0")}-${String(seq).padStart(10, "0")}-`;
}

export function otlpBodies(batchSize: number): (seq: number) => Buffer {
  const template = otlpTemplate(batchSize);
  const offsets = Array.from({ length: batchSize }, (_, i) => template.indexOf(placeholder(i)));
  const prefix = runPrefix();
  return (seq) => {
    const body = Buffer.from(template);
    const head = idHead(prefix, batchSize, seq);
    offsets.forEach((at, i) => {
      body.write(`${head}${String(i).padStart(4, "0")}`, at, "latin1");
    });
    return body;
  };
}

/**
 * `{"events": […]}` holding the raw events Logwell's OTLP decoder makes of otlpBodies' request
 * (decode/otlp/request.ts: every record's fields, its attributes with the mapped keys, and the
 * `resource` and `scope` every event carries), with unique ids of their own: native ingest of
 * the same events, which store the same rows.
 */
export function otlpAsNativeBodies(batchSize: number): (seq: number) => Buffer {
  const events = decodeOtlpProtobuf(otlpTemplate(batchSize), batchSize);
  // Split at each id (each record's appears twice: `id` and attributes["log.record.uid"]):
  // text, index, text, index, …, text.
  const parts = JSON.stringify({ events }).split(placeholders);
  const prefix = runPrefix();
  return (seq) => {
    const head = idHead(prefix, batchSize, seq);
    let text = parts[0] as string;
    for (let i = 1; i < parts.length; i += 2) text += `${head}${parts[i]}${parts[i + 1]}`;
    return Buffer.from(text);
  };
}
