import { asObject, own } from "./values";

// Breadcrumbs: a list (or the legacy `{values: [...]}`), oldest first. They are the largest
// part of a browser event (the SDK keeps up to 100), so they get the room the other
// attributes leave under the 16 KiB cap, and when they must be cut the most recent are kept.

const maxBreadcrumbs = 100;

export function breadcrumbList(event: unknown): unknown[] {
  const crumbs = own(event, "breadcrumbs");
  const list = Array.isArray(crumbs) ? crumbs : own(crumbs, "values");
  return Array.isArray(list) ? list.slice(-maxBreadcrumbs) : [];
}

/**
 * About how many bytes `value` takes as JSON, counting at most up to `limit` (then it stops):
 * iterative, so a deeply nested breadcrumb costs no recursion (threat V-4). Plain text is
 * assumed (one byte per character): an underestimate only means the attribute cap cuts later.
 */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && size <= limit) {
    const next = pending.pop();
    if (typeof next === "string") size += next.length + 3;
    else if (Array.isArray(next)) {
      size += 2;
      for (const item of next) pending.push(item);
    } else if (asObject(next)) {
      size += 2;
      for (const [key, item] of Object.entries(next as object)) {
        size += key.length + 4;
        pending.push(item);
      }
    } else size += 8;
  }
  return size;
}

/** The most recent breadcrumbs whose JSON fits in `budget` bytes, oldest first. */
export function recentBreadcrumbs(list: unknown[], budget: number): unknown[] {
  let used = 2;
  let first = list.length;
  while (first > 0) {
    const size = jsonSizeUpTo(list[first - 1], budget - used) + 1;
    if (used + size > budget) break;
    used += size;
    first--;
  }
  return list.slice(first);
}
