import { asObject, type Json, nonBlank, own, text } from "@/lib/ingest/decode/sentry/values";
import { groupingLimits } from "./limits";
import type { RawFrame } from "./stack-text";

// Sentry events keep their exception values in attributes.exception (oldest first, frames
// caller first: lib/ingest/decode/sentry/exception.ts). Their frames say what the stack text
// cannot: in_app, as the SDK decided it. The location is read in the order the stack text is
// rendered (filename, abs_path, module), so both readings name a frame alike.

/** The thrown exception (the chain's last value) of attributes.exception, if any. */
export function thrownException(attributes: Json | null): Json | undefined {
  const values = own(attributes, "exception");
  if (!Array.isArray(values) || values.length === 0) return undefined;
  return asObject(values[values.length - 1]);
}

/** Its frames nearest the error first, at most frameWindow; null when it lists none. */
export function sentryFrames(thrown: Json | undefined): RawFrame[] | null {
  const list = own(own(thrown, "stacktrace"), "frames");
  if (!Array.isArray(list) || list.length === 0) return null;
  const frames: RawFrame[] = [];
  const oldest = Math.max(0, list.length - groupingLimits.sentryFramesScanned);
  for (let i = list.length - 1; i >= oldest && frames.length < groupingLimits.frameWindow; i--) {
    const frame = list[i];
    const fn = nonBlank(own(frame, "function")) ?? null;
    const file =
      nonBlank(own(frame, "filename")) ??
      nonBlank(own(frame, "abs_path")) ??
      nonBlank(own(frame, "module")) ??
      null;
    // The stack text leaves such a frame out too (exception.ts frameLine).
    if (fn === null && file === null) continue;
    const line = Number(text(own(frame, "lineno")));
    const column = Number(text(own(frame, "colno")));
    frames.push({
      fn,
      file,
      ...(own(frame, "in_app") === false ? { sdkInApp: false } : {}),
      // Where its original frame is found (source maps at ingest, original-frames.ts), as the
      // stack text renders it.
      ...(Number.isInteger(line) ? { line } : {}),
      ...(Number.isInteger(column) ? { column } : {}),
    });
  }
  return frames;
}

/** The thrown exception's type and value as the SDK sent them. */
export function sentryTypeAndValue(thrown: Json | undefined): {
  type: string | null;
  value: string | null;
} {
  return {
    type: nonBlank(own(thrown, "type")) ?? null,
    value: nonBlank(own(thrown, "value")) ?? null,
  };
}
