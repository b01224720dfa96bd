import { type Body, type BodyFormat, decodeBody } from "@/lib/ingest/decode/decoders";
import type { SdkHealth } from "@/lib/ingest/decode/sentry/sdk-health";
import { type PreparedBatch, prepareBatch } from "@/lib/ingest/normalize/batch";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { copyText } from "@/lib/ingest/store/copy-text";
import type { RequestFacts } from "@/lib/ingest/store/write-column";
import { encodeDeltas, issueDeltas } from "@/lib/issues/ingest/delta";
import { assignIssues } from "@/lib/issues/ingest/event-issue";

// A request body taken all the way to what the store takes, in one call that needs no database
// and no request. A preparation thread (prepare-threads.ts) runs prepareCopyBatch, and so does
// the main thread for a body it prepares itself on a store that takes COPY rows: both lanes run
// the same function and store the same rows (tests/integration/ingest/prepare/prepare-threads.test.ts
// holds the thread's answer to it). Stores without COPY (PGlite, Neon) take the events.
// Grouping is part of the preparation: every event that belongs to an issue carries its id
// into its row, and COPY rows come with the per-issue summary their commit counts.

/** A body (text or bytes, as its format's decoder takes it) and what preparing it needs. */
export type BodyJob = Body & {
  format: BodyFormat;
  maxEvents: number;
  facts: RequestFacts;
};

/** The answer's facts about the batch (its events live on only as rows to store). */
export type BatchOutcome = Omit<PreparedBatch, "events">;

interface PreparedBody {
  /** Events the request held, valid or not: the weight the project's event limit counts. */
  received: number;
  outcome: BatchOutcome;
  /** Events to store. */
  prepared: number;
  /** What the decoder found for the protocol's answer (decode/decoders.ts). */
  answer?: Record<string, string>;
  /** Sentry release health and client drops, to store beside the events. */
  sdkHealth?: SdkHealth;
}

export interface EventBatch extends PreparedBody {
  events: readonly NormalizedEvent[];
}

export interface CopyBatch extends PreparedBody {
  /** COPY text-format rows (copy-text.ts), UTF-8; empty when nothing is to be stored. */
  data: Uint8Array;
  /**
   * What the rows add to their issues: IssueDelta[] as JSON (encodeDeltas, delta.ts), since
   * one string crosses from a preparation thread for a fraction of what a hundred objects cost
   * the main thread to receive. Absent: no issue member.
   */
  issues?: string;
}

const utf8 = new TextEncoder();

export function prepareEventBatch(job: BodyJob): EventBatch {
  const { receivedAt } = job.facts;
  const {
    events: raw,
    answer,
    sdkHealth,
  } = decodeBody(job.format, job, {
    maxEvents: job.maxEvents,
    receivedAt,
  });
  const { events, ...outcome } = prepareBatch(raw, receivedAt);
  assignIssues(job.facts.projectId, events);
  return {
    received: raw.length,
    outcome,
    prepared: events.length,
    events,
    ...(answer && { answer }),
    ...(sdkHealth && { sdkHealth }),
  };
}

export function prepareCopyBatch(job: BodyJob): CopyBatch {
  const { events, ...batch } = prepareEventBatch(job);
  return { ...batch, ...copyRows(job.facts, events) };
}

/** The COPY rows of prepared events and what they add to their issues. */
export function copyRows(
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
): Pick<CopyBatch, "data" | "issues"> {
  const issues = issueDeltas(facts, events);
  return {
    data: utf8.encode(events.length === 0 ? "" : copyText(facts, events)),
    ...(issues.length > 0 && { issues: encodeDeltas(issues) }),
  };
}
