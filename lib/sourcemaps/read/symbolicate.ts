import { originalPositionFor } from "@jridgewell/trace-mapping";
import type { Db } from "@/lib/db/open";
import { frameLineTest, parseFrame } from "@/lib/issues/grouping/stack-text";
import { logger } from "@/lib/log";
import type { LogDto } from "@/lib/logs/dto";
import { stackLines } from "@/lib/logs/stack-lines";
import { normalizeDebugId } from "../debug-id";
import { guessEnclosingName } from "./enclosing-name";
import { findMaps, type MapRef, touchBundles } from "./find-maps";
import { loadParsedMap, type MapLoad, sourceLines } from "./parsed-maps";

// A stored stack, read back with the project's uploaded source maps: every frame line keeps its
// minified text and location, and gains its original file, line, column, function and source
// lines, or the reason it has none. Runs when an event is read (docs/sourcemaps.md →
// Symbolication), so a map uploaded after the error still applies, and at ingest for grouping
// (lib/sourcemaps/grouping), where a map still loading past the budget counts as none.

export type UnmappedReason =
  | "no_location" // the frame names no file, line and column (native code, eval)
  | "no_map" // no uploaded map for this file (debug id, or release + URL)
  | "no_mapping" // the map has nothing at this position
  | "map_too_large"
  | "map_unreadable"
  | "map_loading"; // at ingest only: the map was still loading when the budget ran out

export interface MinifiedFrame {
  function: string | null;
  file: string | null;
  line: number | null;
  column: number | null;
}

export interface OriginalFrame {
  function: string | null;
  file: string;
  line: number;
  /** 1-based, as stacks count columns. */
  column: number;
  /** Up to 5 lines around `line` (2 before, 2 after) from the map's sourcesContent. */
  context: { first_line: number; lines: string[] } | null;
}

export interface SymbolicatedLine {
  text: string;
  frame?: MinifiedFrame;
  original?: OriginalFrame;
  reason?: UnmappedReason;
}

export interface SymbolicatedStack {
  /** Frame lines, and how many of them were mapped. */
  frames: number;
  mapped: number;
  lines: SymbolicatedLine[];
}

const contextRadius = 2;
const contextLineChars = 300;
const maxFiles = 64;

/** Whose stack it is: what finds its maps. */
export interface StackOwner {
  projectId: string;
  release: string | null;
  /** debug_meta (the SDK's debug ids) and dist are read from here. */
  attributes: Record<string, unknown> | null;
}

/**
 * How maps are found and loaded. On read: the database each time, parsed maps from the
 * per-process cache. At ingest (lib/sourcemaps/grouping): lookups cached too, loads budgeted.
 */
export interface MapSource {
  find: typeof findMaps;
  load(db: Db, ref: MapRef): Promise<MapLoad>;
}

const onRead: MapSource = {
  find: findMaps,
  load: (db, ref) => loadParsedMap(db, ref.fileId, ref.size),
};

/** Frame file URL → debug id, from the Sentry SDK's debug_meta kept at ingest. */
function debugIdsOf(attributes: StackOwner["attributes"]): Map<string, string> {
  const out = new Map<string, string>();
  const meta = attributes?.debug_meta as { images?: unknown } | undefined;
  if (!Array.isArray(meta?.images)) return out;
  for (const image of meta.images as Array<Record<string, unknown>>) {
    const id = normalizeDebugId(image?.debug_id);
    if (id && typeof image.code_file === "string") out.set(image.code_file, id);
  }
  return out;
}

function contextOf(lines: string[] | null, line: number): OriginalFrame["context"] {
  if (!lines || line < 1 || line > lines.length) return null;
  const first = Math.max(1, line - contextRadius);
  const last = Math.min(lines.length, line + contextRadius);
  return {
    first_line: first,
    lines: lines.slice(first - 1, last).map((l) => l.slice(0, contextLineChars)),
  };
}

interface Mapped {
  original: OriginalFrame;
  /** The name the map gives this position: the callee's, used for the frame below it. */
  callSiteName: string | null;
  lines: string[] | null;
}

/** The stack with its frames mapped; null when the event has no stack. Never throws. */
export function symbolicateLog(db: Db, log: LogDto): Promise<SymbolicatedStack | null> {
  if (!log.stack) return Promise.resolve(null);
  const owner = { projectId: log.project_id, release: log.release, attributes: log.attributes };
  return symbolicateStack(db, owner, log.stack);
}

/** A stack text with its frames mapped with the owner's uploads. Never throws. */
export async function symbolicateStack(
  db: Db,
  owner: StackOwner,
  stack: string,
  source: MapSource = onRead,
): Promise<SymbolicatedStack> {
  const lines = stackLines(stack);
  const isFrame = frameLineTest(lines.map((l) => l.text));
  const out: SymbolicatedLine[] = lines.map((l) => {
    if (!isFrame(l.text)) return { text: l.text };
    const raw = parseFrame(l.text);
    return {
      text: l.text,
      frame: {
        function: raw.fn,
        file: raw.file,
        line: raw.line ?? null,
        column: raw.column ?? null,
      },
    };
  });
  const frames = out.filter((l) => l.frame);
  try {
    await mapFrames(db, owner, out, source);
  } catch (err) {
    // A map that breaks the mapper (or a database hiccup) leaves the stack as it was stored.
    logger.warn({ err, projectId: owner.projectId }, "symbolication failed");
    for (const line of out) if (line.frame && !line.original) line.reason ??= "map_unreadable";
  }
  return { frames: frames.length, mapped: frames.filter((l) => l.original).length, lines: out };
}

async function mapFrames(
  db: Db,
  owner: StackOwner,
  out: SymbolicatedLine[],
  source: MapSource,
): Promise<void> {
  const located = out.filter(
    (l) => l.frame?.file && l.frame.line !== null && l.frame.column !== null,
  );
  for (const line of out) if (line.frame && !located.includes(line)) line.reason = "no_location";
  const files = [...new Set(located.map((l) => l.frame?.file as string))].slice(0, maxFiles);
  const dist = typeof owner.attributes?.dist === "string" ? owner.attributes.dist : null;
  const maps = files.length
    ? await source.find(
        db,
        {
          projectId: owner.projectId,
          release: owner.release,
          dist,
          debugIds: debugIdsOf(owner.attributes),
        },
        files,
      )
    : new Map<string, MapRef>();
  const loads = new Map<string, MapLoad>();
  for (const [file, ref] of maps) loads.set(file, await source.load(db, ref));
  const mapped = new Map<SymbolicatedLine, Mapped>();
  for (const line of located) {
    const frame = line.frame as MinifiedFrame;
    const load = loads.get(frame.file as string);
    if (!load) {
      line.reason = "no_map";
      continue;
    }
    if (!load.ok) {
      line.reason = load.reason;
      continue;
    }
    const position = originalPositionFor(load.parsed.map, {
      line: frame.line as number,
      column: Math.max(0, (frame.column as number) - 1),
    });
    if (position.source === null) {
      line.reason = "no_mapping";
      continue;
    }
    const sourceText = sourceLines(load.parsed, position.source);
    mapped.set(line, {
      original: {
        function: null,
        file: position.source,
        line: position.line,
        column: position.column + 1,
        context: contextOf(sourceText, position.line),
      },
      callSiteName: position.name,
      lines: sourceText,
    });
  }
  // Names: frame i is in the function its caller (the next frame line) calls.
  for (let i = 0; i < out.length; i++) {
    const current = out[i] as SymbolicatedLine;
    const here = mapped.get(current);
    if (!here) continue;
    const caller = out[i + 1];
    const callerMapped = caller?.frame ? mapped.get(caller) : undefined;
    here.original.function =
      callerMapped?.callSiteName ?? guessEnclosingName(here.lines ?? [], here.original.line);
    current.original = here.original;
  }
  const used = new Set<string>();
  for (const [file, ref] of maps) if (loads.get(file)?.ok) used.add(ref.bundleId);
  await touchBundles(db, [...used]);
}
