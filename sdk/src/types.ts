// Public types of the Logwell browser SDK (the same shapes ingest accepts, docs/api.md).

export type Level = "trace" | "debug" | "info" | "warn" | "error" | "fatal";

export type Attributes = Record<string, unknown>;

/** One event as it is sent to `POST /api/v1/logs`. */
export interface LogEvent {
  /** Client event id: the server stores one event per id, so retries never duplicate. */
  id: string;
  level: Level;
  message: string;
  /** Client clock, epoch milliseconds. */
  timestamp: number;
  session_id: string;
  url?: string;
  logger?: string;
  stack?: string;
  release?: string;
  environment?: string;
  user_id?: string;
  attributes?: Attributes;
}

export interface User {
  /** Becomes the event's `user_id`. */
  id?: string;
  [field: string]: unknown;
}

export interface Options {
  /** The project's public ingest key, `lw_pub_...`. */
  key: string;
  /**
   * Full URL of the ingest endpoint. The script tag and the module served by a deployment
   * default to that deployment's `/api/v1/logs`; an npm install must set it.
   */
  endpoint?: string;
  release?: string;
  environment?: string;
  /** Console levels sent as events (`true`: warn and error). Breadcrumbs record all levels. */
  console?: boolean | Array<"debug" | "log" | "info" | "warn" | "error">;
  /** Send failed `fetch`/XHR requests (network errors and statuses >= 400). */
  network?: boolean;
  /** Keep query strings in captured request URLs (scrubbed of secrets). Default false. */
  networkQuery?: boolean;
  /** Send Content-Security-Policy violations. */
  csp?: boolean;
  /** Fraction of events kept, 0..1. Default 1. */
  sampleRate?: number;
  /** Last chance to edit an event; return null (or false) to drop it. */
  beforeSend?: (event: LogEvent) => LogEvent | null | undefined | false;
  /** Messages to drop (substring or RegExp), added to the defaults for known browser noise. */
  ignoreErrors?: Array<string | RegExp>;
  /** Redact token/password/key-like query parameters in every string. Default true. */
  scrub?: boolean;
}
