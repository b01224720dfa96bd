import { asObject, type Json, nonBlank, own, text, without } from "./values";

// A Sentry event's exception chain. `exception.values` lists the chain oldest first (the root
// cause first, the exception that was thrown last), and each stacktrace lists its frames
// caller first. Logwell stores a stack as a JavaScript stack reads: the thrown exception first,
// its innermost frame first, then each cause ("Caused by: …"), so the event page, the search
// and the grouping read it like any browser stack.

const maxValues = 32;
// Enough frames to fill the 32 KiB stack cap many times over; a longer list is cut, not walked.
const maxFrames = 512;
const maxStackChars = 64 * 1024;

/** The chain, oldest first; `exception` may be `{values: [...]}` or a bare list (older SDKs). */
export function exceptionValues(event: Json): Json[] {
  const exception = own(event, "exception");
  const values = Array.isArray(exception) ? exception : own(exception, "values");
  if (!Array.isArray(values)) return [];
  const out: Json[] = [];
  // The newest ones are the ones that matter when a chain is cut.
  for (const value of values.slice(-maxValues)) {
    const object = asObject(value);
    if (object) out.push(object);
  }
  return out;
}

/** "Type: value", just the value without a type, just the type without a value. */
export function exceptionTitle(value: Json): string | undefined {
  const type = nonBlank(own(value, "type"));
  const message = nonBlank(own(value, "value"));
  if (type && message) return `${type}: ${message}`;
  return message ?? type;
}

function frames(value: Json): unknown[] {
  const list = own(own(value, "stacktrace"), "frames");
  return Array.isArray(list) ? list.slice(-maxFrames) : [];
}

function frameLine(frame: unknown): string | undefined {
  const where =
    nonBlank(own(frame, "filename")) ??
    nonBlank(own(frame, "abs_path")) ??
    nonBlank(own(frame, "module"));
  const fn = nonBlank(own(frame, "function"));
  if (!where && !fn) return undefined;
  const line = text(own(frame, "lineno"));
  const column = text(own(frame, "colno"));
  const location = [where ?? "<unknown>", line, line ? column : undefined]
    .filter((part) => part !== undefined)
    .join(":");
  return fn ? `    at ${fn} (${location})` : `    at ${location}`;
}

/** The chain as one stack text, thrown exception first; undefined when it has no frames or titles. */
export function exceptionStack(values: Json[]): string | undefined {
  const parts: string[] = [];
  let length = 0;
  for (let i = values.length - 1; i >= 0 && length < maxStackChars; i--) {
    const value = values[i] as Json;
    const title = exceptionTitle(value) ?? "Error";
    const head = i === values.length - 1 ? title : `Caused by: ${title}`;
    parts.push(head);
    length += head.length + 1;
    const list = frames(value);
    for (let f = list.length - 1; f >= 0 && length < maxStackChars; f--) {
      const line = frameLine(list[f]);
      if (line === undefined) continue;
      parts.push(line);
      length += line.length + 1;
    }
  }
  const hasFrames = parts.some((p) => p.startsWith("    at "));
  return hasFrames || values.length > 1 ? parts.join("\n") : undefined;
}

// Source lines and local variables: large, and already in the stack's file:line (and often
// secrets, for locals). Without them a real deep stack fits the 16 KiB attribute cap.
const droppedFrameKeys = new Set(["pre_context", "context_line", "post_context", "vars"]);

/** The raw exception values for `attributes.exception`, frames without context or locals. */
export function leanExceptionValues(values: Json[]): Json[] {
  return values.map((value) => {
    const list = frames(value);
    if (list.length === 0) return value;
    const stacktrace = without(asObject(own(value, "stacktrace")) ?? {}, new Set());
    stacktrace.frames = list.map((frame) => {
      const object = asObject(frame);
      return object ? without(object, droppedFrameKeys) : frame;
    });
    const lean = without(value, new Set(["stacktrace"]));
    lean.stacktrace = stacktrace;
    return lean;
  });
}
