import { exportLogsRequest } from "@/lib/ingest/decode/otlp/messages";
import { benchEvent, runPrefix } from "./events";

// OTLP/HTTP protobuf bodies for the ingest benchmark: the same events as ingest-body.ts's
// native batches, as an OpenTelemetry SDK would send them (one resource, one scope, the event's
// fields as a LogRecord and its semantic-convention attributes), each with a unique
// log.record.uid. Encoded once per batch size by protobufjs with fixed-width placeholder ids;
// each request copies the template and writes its ids in place (the same length keeps every
// length prefix valid), so the load generator spends its CPU sending, not encoding.

const severity = { info: 9, warn: 13, error: 17 } as const;
const idWidth = 29; // prefix(8)-batch(4)-seq(10)-index(4)

const str = (key: string, value: string) => ({ key, value: { stringValue: value } });

function record(id: string, seq: number) {
  const e = benchEvent(id, seq);
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

export function otlpBodies(batchSize: number): (seq: number) => Buffer {
  const placeholder = (i: number) => `#`.repeat(idWidth - 4) + String(i).padStart(4, "0");
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
  const offsets = Array.from({ length: batchSize }, (_, i) => template.indexOf(placeholder(i)));
  const prefix = runPrefix();
  const batch = String(batchSize).padStart(4, "0");
  return (seq) => {
    const body = Buffer.from(template);
    const head = `${prefix}-${batch}-${String(seq).padStart(10, "0")}-`;
    offsets.forEach((at, i) => {
      body.write(`${head}${String(i).padStart(4, "0")}`, at, "latin1");
    });
    return body;
  };
}
