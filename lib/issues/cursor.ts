import { createHash } from "node:crypto";
import { invalidCursor, signCursor, verifyCursor } from "@/lib/logs/cursor";
import type { IssueFilters, IssueSort } from "./filters";

// The issue list's paging cursor: the position in the list's order (the sort value and the
// id) and a digest of the scope and filters it was issued for, HMAC-signed with the logs
// cursor's key (lib/logs/cursor.ts, threat QRY-3). `k` names the kind, so a logs cursor is
// never read as an issues cursor or the other way round.

export interface IssuePosition {
  /** The sort column's value: an RFC 3339 time with microseconds, or a count. */
  value: string;
  id: string;
}

const kind = "issues-v1";
const valuePattern: Record<IssueSort, RegExp> = {
  last_seen: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  first_seen: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  events: /^\d{1,19}$/,
  users: /^\d{1,19}$/,
};

export function issueScopeDigest(projectIds: readonly string[], filters: IssueFilters): string {
  const canonicalFilters = Object.entries(filters)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const canonical = JSON.stringify([kind, [...projectIds].sort(), canonicalFilters]);
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 22);
}

export function encodeIssueCursor(key: Buffer, position: IssuePosition, digest: string): string {
  return signCursor(key, { k: kind, s: position.value, i: position.id, h: digest });
}

export function decodeIssueCursor(
  key: Buffer,
  cursor: string,
  digest: string,
  sort: IssueSort,
): IssuePosition {
  const { k, s, i, h } = verifyCursor(key, cursor);
  if (k !== kind || h !== digest) throw invalidCursor();
  if (typeof s !== "string" || !valuePattern[sort].test(s)) throw invalidCursor();
  if (typeof i !== "string" || !/^\d{1,19}$/.test(i)) throw invalidCursor();
  return { value: s, id: i };
}
