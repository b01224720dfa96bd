import { type PreparedBatch, prepareBatch } from "./batch";
import type { BodyFormat } from "./body";
import { copyText } from "./copy-text";
import { parseEvents } from "./parse";
import type { RequestFacts } from "./write-column";

// A request body taken all the way to the bytes of its COPY rows, in one call that needs no
// database and no request: what a preparation thread runs (prepare-threads.ts), and the same
// function the main thread would run, so both lanes store the same rows.

export interface BodyJob {
  text: string;
  format: BodyFormat;
  maxEvents: number;
  facts: RequestFacts;
}

/** The answer's facts about the batch (its events live on only as COPY rows). */
export type BatchOutcome = Omit<PreparedBatch, "events">;

export interface CopyBatch {
  /** Events the request held, valid or not: the weight the project's event limit counts. */
  received: number;
  outcome: BatchOutcome;
  /** Events to store: the rows of `data`. */
  prepared: number;
  /** COPY text-format rows (copy-text.ts), UTF-8; empty when nothing is to be stored. */
  data: Uint8Array;
}

const utf8 = new TextEncoder();

export function prepareCopyBatch(job: BodyJob): CopyBatch {
  const raw = parseEvents(job.text, job.format, job.maxEvents);
  const { events, ...outcome } = prepareBatch(raw, job.facts.receivedAt);
  return {
    received: raw.length,
    outcome,
    prepared: events.length,
    data: utf8.encode(events.length === 0 ? "" : copyText(job.facts, events)),
  };
}
