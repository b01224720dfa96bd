import { type RecordContext, recordEvent, resourceContext, scopeContext } from "./record";
import { malformed, tooManyRecords } from "./refusals";
import { asMessage, field, type Message } from "./values";

// An ExportLogsServiceRequest, decoded from either encoding, → one raw event (or rejection)
// per log record, in request order: the index a rejection reports is the record's position.

/** resourceLogs, scopeLogs, logRecords: each an array of objects, or absent. */
function children(parent: Message, jsonName: string, protoName: string): Message[] {
  const value = field(parent, jsonName, protoName);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw malformed(`${jsonName} is not a list`);
  return value.map((item) => {
    const message = asMessage(item);
    if (!message) throw malformed(`an entry of ${jsonName} is not an object`);
    return message;
  });
}

export function requestEvents(request: unknown, maxRecords: number): unknown[] {
  const root = asMessage(request);
  if (!root) throw malformed("the body is not an object");
  let count = 0;
  // Every list is checked and counted before any record is mapped: a 413 costs little.
  const resources = children(root, "resourceLogs", "resource_logs").map((resourceLogs) => ({
    resourceLogs,
    scopes: children(resourceLogs, "scopeLogs", "scope_logs").map((scopeLogs) => {
      const records = children(scopeLogs, "logRecords", "log_records");
      count += records.length;
      if (count > maxRecords) throw tooManyRecords(maxRecords);
      return { scopeLogs, records };
    }),
  }));
  const events: unknown[] = [];
  for (const { resourceLogs, scopes } of resources) {
    const resource = resourceContext(field(resourceLogs, "resource", "resource"));
    for (const { scopeLogs, records } of scopes) {
      const context: RecordContext = {
        ...resource,
        ...scopeContext(field(scopeLogs, "scope", "scope")),
      };
      for (const record of records) events.push(recordEvent(record, context));
    }
  }
  return events;
}
