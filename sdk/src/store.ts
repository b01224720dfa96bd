// The offline queue: events not yet acknowledged, kept in localStorage so they survive a
// closed tab, a crash or a network outage and are sent on the next load or when back online.
// Tabs of one origin share it and merge by event id; the server's id de-duplication makes a
// second send of the same event harmless.
import type { Item } from "./batch";

const MAX_STORED = 200;

// Undefined when storage is disabled: every use then throws inside a try and is skipped.
let storage: Storage;
let storageKey = "";

export function openStore(backend: Storage | undefined, key: string) {
  storage = backend as Storage;
  storageKey = key;
}

export function readStored(): Item[] {
  try {
    return JSON.parse(storage.getItem(storageKey) as string) || [];
  } catch {
    return [];
  }
}

/** Adds or replaces `add`, forgets the ids in `drop`; keeps the newest 200. */
export function saveStored(add: Item[], drop: string[] = []) {
  try {
    const byId = new Map(readStored());
    for (const id of drop) byId.delete(id);
    for (const [id, json] of add) byId.set(id, json);
    storage.setItem(storageKey, JSON.stringify([...byId].slice(-MAX_STORED)));
  } catch {
    // Storage full or disabled (private mode): the events stay in memory only.
  }
}
