import type { Db } from "@/lib/db/open";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { type FrameMapping, frameLocation, type OriginalName } from "@/lib/issues/grouping";
import { logger } from "@/lib/log";
import { loadParsedMap, type MapLoad } from "../read/parsed-maps";
import { type MapSource, type SymbolicatedStack, symbolicateStack } from "../read/symbolicate";
import { findMapsRemembered } from "./map-lookups";

// Source maps at ingest, for grouping only (docs/sourcemaps.md → Grouping with original frames):
// the error events of a request whose project has uploads get their frames' original file and
// function, which their issue key is then made of (lib/issues/grouping/original-frames.ts).
// The stored stack stays minified; the event page maps it on read as before.
//
// Never slow for long, never a failure: lookups and maps come from per-process caches
// (map-lookups.ts, read/parsed-maps.ts); a map not parsed
// yet is awaited at most budgetMs for the whole request (its load goes on and serves the next
// event), and a missing, corrupt or late map leaves the frame minified; any error leaves the
// whole request grouped by its minified frames.

/** How long a request's answer may wait for its maps (a 35 MB map parses in ~0.74 s). */
export const ingestMapBudgetMs = 1000;
/** Distinct stacks of one request looked up; the rest are grouped by their minified frames. */
const maxStacks = 64;

/**
 * Each error event whose maps resolve some of its frames → their originals. Ask
 * projectHasMaps first: this looks the maps up for every distinct stack.
 */
export async function frameMappings(
  db: Db,
  projectId: string,
  events: readonly NormalizedEvent[],
  budgetMs = ingestMapBudgetMs,
): Promise<Map<NormalizedEvent, FrameMapping>> {
  const out = new Map<NormalizedEvent, FrameMapping>();
  const members = events.filter((e) => e.issue !== undefined && e.stack);
  if (members.length === 0) return out;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), budgetMs);
  });
  try {
    const source: MapSource = {
      find: findMapsRemembered,
      load: (db, ref) =>
        Promise.race([
          loadParsedMap(db, ref.fileId, ref.size),
          late.then((): MapLoad => ({ ok: false, reason: "map_loading" })),
        ]),
    };
    // A storm repeats one stack: it is mapped once per request.
    const byStack = new Map<string, FrameMapping | undefined>();
    for (const event of members) {
      const key = stackKey(event);
      if (!byStack.has(key)) {
        if (byStack.size === maxStacks) continue;
        const owner = { projectId, release: event.release, attributes: event.attributes };
        const mapped = await Promise.race([
          symbolicateStack(db, owner, event.stack as string, source),
          late,
        ]);
        if (mapped === "late") break;
        byStack.set(key, mappingOf(mapped));
      }
      const mapping = byStack.get(key);
      if (mapping) out.set(event, mapping);
    }
  } catch (err) {
    // The lookup failed (the database, most likely): grouping by minified frames, as without maps.
    logger.warn({ err, projectId }, "ingest: source maps for grouping failed");
    out.clear();
  } finally {
    clearTimeout(timer);
  }
  return out;
}

/** What finds an event's maps and frames: equal keys map alike. */
function stackKey(event: NormalizedEvent): string {
  const attributes = event.attributes;
  return JSON.stringify([
    event.stack,
    event.release,
    attributes?.dist ?? null,
    attributes?.debug_meta ?? null,
  ]);
}

function mappingOf(stack: SymbolicatedStack): FrameMapping | undefined {
  const mapping = new Map<string, OriginalName>();
  for (const { frame, original } of stack.lines) {
    if (!frame?.file || frame.line === null || frame.column === null || !original) continue;
    mapping.set(frameLocation(frame.file, frame.line, frame.column), {
      file: original.file,
      fn: original.function,
    });
  }
  return mapping.size > 0 ? mapping : undefined;
}
