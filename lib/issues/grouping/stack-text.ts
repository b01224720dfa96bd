import { parse } from "stacktrace-parser";
import { clip, groupingLimits } from "./limits";

// A stack text as stored (native SDKs send error.stack; the Sentry mapping renders its frames as
// a V8 stack, lib/ingest/decode/sentry/exception.ts) → its header (the "Type: value" lines V8
// and Sentry put first; Firefox and Safari put none) and the frames nearest the error.

export interface RawFrame {
  /** The function as the runtime wrote it ("async Cart.checkout [as go]"), or null. */
  fn: string | null;
  /** The location without line and column, or null for native code. */
  file: string | null;
  /** false when the client's SDK said the frame is not the application's (Sentry in_app). */
  sdkInApp?: boolean;
  /** Where in the file, as the runtime wrote it (1-based); grouping ignores them. */
  line?: number;
  column?: number;
}

export interface StackText {
  /** The non-blank lines before the first frame, at most headerLines of them. */
  header: string[];
  frames: RawFrame[];
}

// Node puts the throwing source line, a caret and a blank line before "Type: value" when it
// decorates an error (vm, uncaught): the header is read past them.
const headerLines = 8;

const v8Frame = /^\s*at\s/;
// The parser's name for a frame without one.
const unknownFunction = "<unknown>";

function lines(stack: string): string[] {
  const text = clip(stack, groupingLimits.stackChars);
  const out: string[] = [];
  let start = 0;
  while (start <= text.length && out.length < groupingLimits.stackLines) {
    const end = text.indexOf("\n", start);
    out.push(text.slice(start, end === -1 ? text.length : end).replace(/\r$/, ""));
    if (end === -1) break;
    start = end + 1;
  }
  return out;
}

/** One frame line of any of the three formats; also read by symbolication (lib/sourcemaps). */
export function parseFrame(line: string): RawFrame {
  // Trimmed and clipped: the parser's patterns backtrack over leading blanks and long lines.
  const [parsed] = parse(clip(line.trim(), groupingLimits.frameLineChars));
  if (!parsed) return { fn: null, file: null };
  const fn = parsed.methodName === unknownFunction ? null : parsed.methodName;
  return {
    fn,
    file: parsed.file,
    ...(parsed.lineNumber !== null ? { line: parsed.lineNumber } : {}),
    ...(parsed.column !== null ? { column: parsed.column } : {}),
  };
}

/**
 * How a stack marks its frames. V8 stacks (Chrome, Edge, Node, Sentry's rendering) mark every
 * frame with "at "; in those, a line without it is the header or a continuation of a
 * multi-line message, never a frame. In Firefox and Safari stacks every frame has an "@".
 */
export function frameLineTest(lines: readonly string[]): (line: string) => boolean {
  return lines.some((line) => v8Frame.test(line))
    ? (line: string) => v8Frame.test(line)
    : (line: string) => line.includes("@");
}

/**
 * Frames as frameLineTest tells them from header lines. A "Caused by:" line ends the thrown
 * exception's frames: a cause is another exception.
 */
export function readStackText(stack: string): StackText {
  const all = lines(stack);
  const isFrame = frameLineTest(all);
  const frames: RawFrame[] = [];
  const header: string[] = [];
  for (const line of all) {
    if (line.startsWith("Caused by:")) break;
    if (isFrame(line)) {
      frames.push(parseFrame(line));
      if (frames.length === groupingLimits.frameWindow) break;
    } else if (frames.length === 0 && header.length < headerLines && line.trim() !== "") {
      header.push(line.trim());
    }
  }
  return { header, frames };
}
