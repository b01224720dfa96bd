import { UnparseableLine } from "@/lib/ingest/decode/native";
import type { SharedCopies } from "./attributes";
import { maxListedErrors } from "./limits";
import { normalizeEvent } from "./normalize";
import type { NormalizedEvent } from "./schema";

// A request's events → the ones to store, the ones rejected (with the index the client sent
// them at), and repeats of a client id inside the request (first one wins, threat DUP-1).

export interface EventError {
  index: number;
  message: string;
}

export interface PreparedBatch {
  events: NormalizedEvent[];
  /** Position in the request of each entry of `events`. */
  positions: number[];
  rejected: number;
  /** The first maxListedErrors rejections, in request order. */
  errors: EventError[];
  /** Valid events whose id already appeared earlier in the same request. */
  repeatedInRequest: number;
}

export function prepareBatch(raw: readonly unknown[], receivedAt: Date): PreparedBatch {
  const batch: PreparedBatch = {
    events: [],
    positions: [],
    rejected: 0,
    errors: [],
    repeatedInRequest: 0,
  };
  const seenIds = new Set<string>();
  const shared: SharedCopies = new Map();
  raw.forEach((item, index) => {
    const result =
      item instanceof UnparseableLine
        ? { ok: false as const, message: item.message }
        : normalizeEvent(item, receivedAt, shared);
    if (!result.ok) {
      rejectAt(batch, index, result.message);
      return;
    }
    const id = result.event.clientId;
    if (id !== null) {
      if (seenIds.has(id)) {
        batch.repeatedInRequest++;
        return;
      }
      seenIds.add(id);
    }
    batch.events.push(result.event);
    batch.positions.push(index);
  });
  return batch;
}

export function rejectAt(
  batch: Pick<PreparedBatch, "rejected" | "errors">,
  index: number,
  message: string,
): void {
  batch.rejected++;
  if (batch.errors.length < maxListedErrors) batch.errors.push({ index, message });
}
