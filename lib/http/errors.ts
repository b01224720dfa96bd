// One error type for every API route: its code decides the status; its cause is logged, never
// sent to the client.
export const errorStatus = {
  invalid_json: 400,
  invalid_events: 400,
  invalid_request: 400,
  invalid_cursor: 400,
  unauthorized: 401,
  invalid_key: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      headers?: Record<string, string>;
      body?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = "ApiError";
  }

  get status(): number {
    return errorStatus[this.code];
  }
}
