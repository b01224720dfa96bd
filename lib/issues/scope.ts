import type { LogScope } from "@/lib/logs/page-query";

/** The projects an issue read may touch: always explicit, never "everything" (AUTH-3). */
export type IssueScope = LogScope;

/** The scope narrowed by a `project` filter; a project outside the scope reads nothing. */
export function scopedProjectIds(scope: IssueScope, project?: string): string[] {
  const ids = [...new Set(scope.projectIds)].sort();
  return project ? ids.filter((id) => id === project) : ids;
}

/** Issue ids are positive bigints; anything else (or out of range) is simply "not found". */
export function parseIssueId(id: string): bigint | undefined {
  if (!/^[1-9]\d{0,18}$/.test(id)) return undefined;
  const n = BigInt(id);
  return n <= 9223372036854775807n ? n : undefined;
}
