import type { IngestOutcome } from "@/lib/db/schema/ingest-outcomes";

// Each ingest outcome in words: what it means and what to do about it, for the project's
// Ingest health panel and the refusal alert's message (docs/operations.md → Ingest health).
// `example` is a refused value the server saw (an origin, a content type): client-sent text,
// which callers render as text only.

interface OutcomeWords {
  label: string;
  means: string;
  fix(example: string | null): string;
}

export const outcomeWords: Record<IngestOutcome, OutcomeWords> = {
  accepted: {
    label: "Accepted",
    means: "Events stored.",
    fix: () => "Nothing to do.",
  },
  invalid_key: {
    label: "Invalid key",
    means:
      "Requests with a revoked ingest key, or a Sentry DSN whose key belongs to another project.",
    fix: () =>
      "Give the clients a current ingest key from the project's settings (a revoked key still deployed shows up here).",
  },
  origin_not_allowed: {
    label: "Origin not allowed",
    means: "Browsers on a page whose origin is not in the project's allowed origins.",
    fix: (example) =>
      example
        ? `Add ${example} to the project's allowed origins (Settings), if that page is yours.`
        : "Add the page's origin to the project's allowed origins (Settings).",
  },
  rate_limited_ip: {
    label: "Rate limited (per address)",
    means: "One client address sent more requests per minute than the project allows.",
    fix: () =>
      "Raise the project's rate limit 'Requests per IP per minute' (Settings), or batch more events per request.",
  },
  rate_limited_project: {
    label: "Rate limited (project)",
    means: "The project received more events per minute than its limit.",
    fix: () =>
      "Raise the project's rate limit 'Events per minute' (Settings), or sample or filter events in the clients.",
  },
  payload_too_large: {
    label: "Too large",
    means: "Bodies over the size or event-count cap (1 MiB decompressed, 1,000 events by default).",
    fix: () =>
      "Send smaller batches, or raise LOGWELL_MAX_BODY_BYTES / LOGWELL_MAX_EVENTS_PER_REQUEST on the server.",
  },
  unsupported_media_type: {
    label: "Unsupported media type",
    means: "Bodies of a content type or encoding this endpoint does not take.",
    fix: (example) =>
      `Send JSON, NDJSON or text/plain, optionally gzip (OTLP: protobuf or JSON)${example ? `, not ${example}` : ""}.`,
  },
  invalid_body: {
    label: "Unreadable body",
    means: "Bodies that do not parse at all (broken JSON, a malformed envelope or protobuf).",
    fix: () => "Fix the client's serialisation: the 400 answer's message names the problem.",
  },
  invalid_events: {
    label: "Invalid events",
    means: "Events refused one by one, such as an event without a message.",
    fix: () => "The answer's errors list says why for each event: fix what the client sends.",
  },
  client_discard: {
    label: "Dropped by clients",
    means:
      "Events the clients dropped before sending: a full queue, full storage, network errors, their own backoff or sampling.",
    fix: () =>
      "See 'Dropped by the clients' below for the reasons; a full queue means the app logs faster than it can send.",
  },
};
