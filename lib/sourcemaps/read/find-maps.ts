import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { resolveMapRef, urlCandidates } from "./match-url";

// Which uploaded map each file of a stack uses: by debug id first (the SDK's debug_meta, the
// script's `//# debugId=`), then by the event's release + the file's URL (dist must match when
// either side has one). A few queries per stack, whatever its number of frames.

export interface MapRef {
  fileId: string;
  bundleId: string;
  size: number;
}

export interface EventKeys {
  projectId: string;
  release: string | null;
  dist: string | null;
  /** Frame file URL → debug id (normalised). */
  debugIds: Map<string, string>;
}

interface FileRow {
  id: string;
  bundle_id: string;
  kind: string;
  url: string | null;
  debug_id: string | null;
  sourcemap_ref: string | null;
  size: number;
}

/** `(a, b, c)` with each value a bound parameter (URLs may hold commas and quotes). */
const list = (values: readonly string[]) =>
  sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

const fileColumns = sql.raw(
  "f.id::text AS id, f.bundle_id::text AS bundle_id, f.kind, f.url, f.debug_id, f.sourcemap_ref, f.size",
);

async function mapsByDebugId(db: Db, projectId: string, ids: string[]) {
  const out = new Map<string, MapRef>();
  if (ids.length === 0) return out;
  const rows = await queryRows<FileRow>(
    db,
    sql`SELECT ${fileColumns} FROM sourcemap_files f
        WHERE f.project_id = ${projectId} AND f.kind = 'source_map'
          AND f.debug_id IN ${list(ids)}
        ORDER BY f.id DESC`,
  );
  for (const row of rows) {
    if (row.debug_id && !out.has(row.debug_id)) {
      out.set(row.debug_id, { fileId: row.id, bundleId: row.bundle_id, size: Number(row.size) });
    }
  }
  return out;
}

/** The uploaded map for each file URL; files without one are absent. */
export async function findMaps(
  db: Db,
  keys: EventKeys,
  files: string[],
): Promise<Map<string, MapRef>> {
  const found = new Map<string, MapRef>();
  const byDebugId = await mapsByDebugId(db, keys.projectId, [...new Set(keys.debugIds.values())]);
  for (const file of files) {
    const id = keys.debugIds.get(file);
    const ref = id ? byDebugId.get(id) : undefined;
    if (ref) found.set(file, ref);
  }
  const rest = files.filter((f) => !found.has(f));
  if (rest.length === 0 || keys.release === null) return found;
  const candidates = new Map(rest.map((f) => [f, urlCandidates(f)]));
  const all = [...new Set([...candidates.values()].flat())];
  // Scripts of this release (and dist) under any candidate name, newest upload first.
  const scripts = await queryRows<FileRow>(
    db,
    sql`SELECT ${fileColumns} FROM sourcemap_files f
        JOIN sourcemap_bundles b ON b.id = f.bundle_id
        WHERE f.project_id = ${keys.projectId} AND f.kind = 'minified_source'
          AND f.url IN ${list(all)}
          AND b.release = ${keys.release} AND b.dist IS NOT DISTINCT FROM ${keys.dist}
        ORDER BY b.created_at DESC`,
  );
  // Each script's map: the one its reference names in its bundle, else the same debug id.
  const wanted = new Map<
    string,
    { bundleId: string; url: string | null; debugId: string | null }
  >();
  for (const [file, names] of candidates) {
    const script = names.map((n) => scripts.find((s) => s.url === n)).find((s) => s !== undefined);
    if (!script?.url) continue;
    const ref = script.sourcemap_ref ? resolveMapRef(script.url, script.sourcemap_ref) : null;
    wanted.set(file, {
      bundleId: script.bundle_id,
      url: ref ?? `${script.url}.map`,
      debugId: script.debug_id,
    });
  }
  if (wanted.size === 0) return found;
  const bundleIds = [...new Set([...wanted.values()].map((w) => w.bundleId))];
  const maps = await queryRows<FileRow>(
    db,
    sql`SELECT ${fileColumns} FROM sourcemap_files f
        WHERE f.bundle_id IN ${list(bundleIds)} AND f.kind = 'source_map'`,
  );
  const scriptDebugIds = [...wanted.values()].flatMap((w) => (w.debugId ? [w.debugId] : []));
  const byScriptDebugId = await mapsByDebugId(db, keys.projectId, scriptDebugIds);
  for (const [file, want] of wanted) {
    const map = maps.find((m) => m.bundle_id === want.bundleId && m.url === want.url);
    if (map) found.set(file, { fileId: map.id, bundleId: map.bundle_id, size: Number(map.size) });
    else if (want.debugId && byScriptDebugId.has(want.debugId)) {
      found.set(file, byScriptDebugId.get(want.debugId) as MapRef);
    }
  }
  return found;
}

// Bundles this process marked used in the last hour: ingest maps a stack per error event, and
// the UPDATE (a no-op within the hour) would be one more round trip for each. Bounded: full, it
// starts over.
const touchedAt = new Map<string, number>();
const touchedCap = 10_000;
const hourMs = 60 * 60 * 1000;

/** Marks the bundles as used (at most once an hour each): the prune keeps used uploads. */
export async function touchBundles(db: Db, bundleIds: string[]): Promise<void> {
  const now = Date.now();
  const due = bundleIds.filter((id) => now - (touchedAt.get(id) ?? 0) >= hourMs);
  if (due.length === 0) return;
  await db.execute(
    sql`UPDATE sourcemap_bundles SET last_used_at = now()
        WHERE id IN ${list(due)} AND last_used_at < now() - interval '1 hour'`,
  );
  if (touchedAt.size + due.length > touchedCap) touchedAt.clear();
  for (const id of due) touchedAt.set(id, now);
}
