import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Database, Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import type { LoadResult } from "./load";

/**
 * "Nothing lost, nothing doubled", checked the way Vector and Loki do (docs/security.md, decision 12):
 * unique ids in, anti-join out. Every figure in the report must be 0.
 */
export interface ConservationReport {
  storedRows: number;
  ackedIds: number;
  /** Acknowledged ids with no row. */
  ackedMissing: number;
  /** Rows beyond the first per client id. */
  duplicateRows: number;
  /** 2xx attempts whose request id has fewer (or more) rows than it reported accepted. */
  acceptedMismatches: number;
  /** Attempts answered 429 or another final 4xx that left rows behind (must never happen). */
  rowsFromRefusedAttempts: number;
  /** 503 or network-error attempts that stored some but not all of their batch. */
  partialBatches: number;
  /**
   * 503 or network-error attempts whose whole batch was stored: the connection died between
   * the commit and its acknowledgement (e.g. Postgres crashed), so the server could not know.
   * Not a loss: the client's retry with the same ids is counted as duplicates, stored once.
   */
  ambiguousCommits: number;
  /** Rows whose request id is no attempt of this run, or whose client id is none of its ids. */
  strayRows: number;
}

export async function verifyConservation(
  db: Db,
  projectId: string,
  load: LoadResult,
): Promise<ConservationReport> {
  const byClientId = await queryRows<{ client_id: string | null; n: number }>(
    db,
    sql`select client_id, count(*)::int as n from logs where project_id = ${projectId} group by client_id`,
  );
  const byRequestId = await queryRows<{ request_id: string | null; n: number }>(
    db,
    sql`select request_id::text as request_id, count(*)::int as n from logs where project_id = ${projectId} group by request_id`,
  );
  const stored = new Map(byClientId.map((r) => [r.client_id, r.n]));
  const perRequest = new Map(byRequestId.map((r) => [r.request_id, r.n]));
  const sentIds = new Set(load.batches.flatMap((b) => b.ids));
  const batchSize = new Map(load.batches.map((b) => [b.index, b.ids.length]));
  const report: ConservationReport = {
    storedRows: byClientId.reduce((sum, r) => sum + r.n, 0),
    ackedIds: load.ackedIds.length,
    ackedMissing: load.ackedIds.filter((id) => !stored.has(id)).length,
    duplicateRows: byClientId.reduce((sum, r) => sum + Math.max(0, r.n - 1), 0),
    acceptedMismatches: 0,
    rowsFromRefusedAttempts: 0,
    partialBatches: 0,
    ambiguousCommits: 0,
    strayRows: byClientId.filter((r) => r.client_id === null || !sentIds.has(r.client_id)).length,
  };
  const attemptIds = new Set<string>();
  for (const attempt of load.attempts) {
    attemptIds.add(attempt.requestId);
    const rows = perRequest.get(attempt.requestId) ?? 0;
    if (attempt.status === 202) {
      if (rows !== attempt.accepted) report.acceptedMismatches++;
    } else if (attempt.status === "network-error" || attempt.status === 503) {
      if (rows === batchSize.get(attempt.batch)) report.ambiguousCommits++;
      else if (rows !== 0) report.partialBatches++;
    } else if (rows !== 0) {
      report.rowsFromRefusedAttempts++;
    }
  }
  for (const [requestId, n] of perRequest) {
    if (requestId === null || !attemptIds.has(requestId)) report.strayRows += n;
  }
  return report;
}

/**
 * Opens the database, checks the load against it and expects every loss, doubling and stray
 * figure to be 0. Returns the report for the caller's own counts.
 */
export async function expectConserved(
  open: () => Promise<Database>,
  projectId: string,
  load: LoadResult,
): Promise<ConservationReport> {
  const database = await open();
  try {
    const report = await verifyConservation(database.db, projectId, load);
    expect(report).toMatchObject({
      ackedMissing: 0,
      duplicateRows: 0,
      acceptedMismatches: 0,
      rowsFromRefusedAttempts: 0,
      partialBatches: 0,
      strayRows: 0,
    });
    return report;
  } finally {
    await database.close();
  }
}
