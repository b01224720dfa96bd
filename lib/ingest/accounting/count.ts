import type { IngestOutcome } from "@/lib/db/schema/ingest-outcomes";
import { ApiError, type ErrorCode } from "@/lib/http/errors";
import { knownKeyProjectId } from "../request/keys";
import { scheduleOutcomeFlush } from "./schedule";
import { countOutcome } from "./tally";

// What one ingest request came to, into the tally (tally.ts). lib/ingest/ingest.ts fills a
// RequestTrack as the request passes each stage, so a refusal is counted under the project
// it is known for by then and the reason its stage means.
//
// Attribution: a request refused before its key was checked (415, a key lookup limit) or for
// its key (401) has no project of its own. It is counted under the key's project when this
// process knows the key from the last 30 s (a valid key, or a revoked one: its project sees
// "a revoked key is still in use"); otherwise under the deployment's bucket (no project),
// never under a project an unauthenticated caller could name.

export interface RequestTrack {
  key?: string;
  projectId?: string;
  /** Events the body held, once parsed. */
  events?: number;
  /** The project's event limit is being checked: a 429 now is that limit's. */
  projectLimit?: boolean;
}

const outcomeOfCode: Partial<Record<ErrorCode, IngestOutcome>> = {
  invalid_key: "invalid_key",
  // A Sentry key of another project than the URL's: the key is wrong for this DSN.
  forbidden: "invalid_key",
  origin_not_allowed: "origin_not_allowed",
  rate_limited: "rate_limited_ip",
  payload_too_large: "payload_too_large",
  unsupported_media_type: "unsupported_media_type",
  invalid_json: "invalid_body",
  invalid_events: "invalid_events",
};

/** A refused request (its ApiError); outages and bugs are not refusals and count nothing. */
export function countRefusal(track: RequestTrack, err: unknown, headers: Headers): void {
  if (!(err instanceof ApiError)) return;
  let outcome = outcomeOfCode[err.code];
  if (!outcome) return;
  if (outcome === "rate_limited_ip" && track.projectLimit) outcome = "rate_limited_project";
  const projectId = track.projectId ?? knownKeyProjectId(track.key) ?? null;
  countOutcome(projectId, outcome, Math.max(1, track.events ?? 1), exampleOf(outcome, headers));
  scheduleOutcomeFlush();
}

/** What a request stored and refused event by event, and what its client said it dropped. */
export function countStored(
  projectId: string,
  counts: { accepted: number; rejected: number; clientDropped: number },
): void {
  if (counts.accepted > 0) countOutcome(projectId, "accepted", counts.accepted);
  if (counts.rejected > 0) countOutcome(projectId, "invalid_events", counts.rejected);
  if (counts.clientDropped > 0) countOutcome(projectId, "client_discard", counts.clientDropped);
  scheduleOutcomeFlush();
}

function exampleOf(outcome: IngestOutcome, headers: Headers): string | undefined {
  if (outcome === "origin_not_allowed") return headers.get("origin") ?? undefined;
  if (outcome === "unsupported_media_type") {
    const encoding = headers.get("content-encoding");
    return encoding ? `Content-Encoding ${encoding}` : (headers.get("content-type") ?? undefined);
  }
  return undefined;
}
