import type { Db } from "@/lib/db/open";
import { type EventKeys, findMaps, type MapRef } from "../read/find-maps";

// Which map each file of a stack uses, remembered per process for ingest: an error storm (or a
// steady flow of one app's errors) asks with the same release, debug ids and files again and
// again, and the lookup's queries were most of the cost of mapping at ingest (measured:
// docs/performance.md → Source maps). Answers, "no map" included, are kept ttlMs; an upload or
// delete in this process forgets its project's at once (has-maps.ts), other processes see it
// within ttlMs. Stored files never change, so a remembered file id stays right until deleted;
// a deleted one loads as no map.

const ttlMs = 60_000;
const cap = 2_000;

interface Remembered {
  projectId: string;
  at: number;
  maps: Map<string, MapRef>;
}

const remembered = new Map<string, Remembered>();

export async function findMapsRemembered(
  db: Db,
  keys: EventKeys,
  files: string[],
): Promise<Map<string, MapRef>> {
  const key = JSON.stringify([
    keys.projectId,
    keys.release,
    keys.dist,
    [...keys.debugIds].sort(),
    [...files].sort(),
  ]);
  const now = Date.now();
  const hit = remembered.get(key);
  if (hit && now - hit.at < ttlMs) return hit.maps;
  const maps = await findMaps(db, keys, files);
  if (remembered.size >= cap) remembered.clear();
  remembered.set(key, { projectId: keys.projectId, at: now, maps });
  return maps;
}

export function forgetProjectLookups(projectId: string): void {
  for (const [key, entry] of remembered) if (entry.projectId === projectId) remembered.delete(key);
}
