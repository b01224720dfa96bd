import { createHash } from "node:crypto";

// An issue's id is a function of what makes it one: its project and its grouping key (with the
// key's version). Rows can then carry their issue's id before any database round trip, on a
// preparation thread as on the main thread, and the row that counts them is created by the same
// upsert that counts (lib/db/schema/issues.ts). 63 bits of SHA-256: two keys meet with
// probability ≈ n² / 2⁶⁴ (one in 10⁷ at a million issues); the upsert refuses a row whose
// project or key differ from the stored one rather than merging them.

/** A positive bigint (Postgres bigint) that names the issue of (project, version, key). */
export function issueIdFor(
  projectId: string,
  groupingVersion: number,
  groupingKey: string,
): bigint {
  const digest = createHash("sha256")
    .update(`${projectId}\n${groupingVersion}\n${groupingKey}`)
    .digest();
  const id = digest.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn;
  return id === 0n ? 1n : id;
}
