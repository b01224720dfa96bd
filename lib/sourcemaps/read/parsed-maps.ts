import { inflateRawSync } from "node:zlib";
import { FlattenMap, sourceContentFor, type TraceMap } from "@jridgewell/trace-mapping";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { sourcemapFiles } from "@/lib/db/schema";
import { sourcemapLimits } from "../limits";
import { ByteLru } from "./byte-lru";

// Parsed source maps, per process, by stored file id (a stored file never changes; a deleted
// one is simply never asked for again). A 10 MB map with 2 M segments costs its parse once per
// process, not once per event. The budget counts a parsed map as a multiple of its JSON text:
// decoded segments are arrays of numbers, several times the text they came from (measured: a
// 29 MB map with 1.7 M segments took 192 MB of heap parsed and mapped once, 6.6×;
// `npm run bench:sourcemaps`, docs/performance.md).

export const parsedMapBudgetBytes = 512 * 1024 * 1024;
const parsedWeightPerTextByte = 7;

export interface ParsedMap {
  map: TraceMap;
  /** Source texts split into lines, on first use. */
  lines: Map<string, string[] | null>;
}

export type MapLoad =
  | { ok: true; parsed: ParsedMap }
  | { ok: false; reason: "map_too_large" | "map_unreadable" | "no_map" | "map_loading" };

const cache = new ByteLru<ParsedMap>(parsedMapBudgetBytes);

/** The parsed cache itself (benchmarks report its bytes; tests clear it). */
export const parsedMapCache = cache;

// Maps that could not be read, so a corrupt upload is not fetched and parsed on every view
// (a file never changes; each entry weighs 1 of 10,000).
const unreadable = new ByteLru<true>(10_000);

// Loads under way, so views of events arriving at once parse a cold map once, not once each.
const loading = new Map<string, Promise<MapLoad>>();

export async function loadParsedMap(db: Db, fileId: string, size: number): Promise<MapLoad> {
  const cached = cache.get(fileId);
  if (cached) return { ok: true, parsed: cached };
  if (unreadable.get(fileId)) return { ok: false, reason: "map_unreadable" };
  const pending = loading.get(fileId);
  if (pending) return pending;
  const load = readAndParse(db, fileId, size).finally(() => loading.delete(fileId));
  loading.set(fileId, load);
  return load;
}

async function readAndParse(db: Db, fileId: string, size: number): Promise<MapLoad> {
  const weight = size * parsedWeightPerTextByte;
  if (size > sourcemapLimits.fileBytes || weight > parsedMapBudgetBytes) {
    return { ok: false, reason: "map_too_large" };
  }
  const [row] = await db
    .select({ content: sourcemapFiles.content })
    .from(sourcemapFiles)
    .where(eq(sourcemapFiles.id, fileId));
  if (!row) return { ok: false, reason: "no_map" };
  try {
    const text = inflateRawSync(row.content, { maxOutputLength: sourcemapLimits.fileBytes });
    const map = new FlattenMap(text.toString("utf8"));
    const parsed: ParsedMap = { map, lines: new Map() };
    cache.set(fileId, parsed, weight);
    return { ok: true, parsed };
  } catch {
    // Not JSON, not a map, a truncated upload: the frame stays minified and says why.
    unreadable.set(fileId, true, 1);
    return { ok: false, reason: "map_unreadable" };
  }
}

/** The source's lines from the map's sourcesContent, or null when the map has none. */
export function sourceLines(parsed: ParsedMap, source: string): string[] | null {
  if (!parsed.lines.has(source)) {
    const content = sourceContentFor(parsed.map, source);
    parsed.lines.set(source, content === null ? null : content.split(/\r?\n/));
  }
  return parsed.lines.get(source) ?? null;
}
