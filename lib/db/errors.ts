// Which database failures mean "try again later" (503 + Retry-After) rather than a bug.
const unavailableSqlStates = new Set([
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "57014", // query_canceled (statement_timeout)
  "53300", // too_many_connections
  "53100", // disk_full
  "53200", // out_of_memory
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "55P03", // lock_not_available
]);

const unavailableNodeCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
]);

const unavailableMessages = [
  "Connection terminated",
  "connection timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
  "PGlite is closed",
  "WebSocket",
];

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" ? code : undefined;
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = codeOf(e);
    if (code && (unavailableSqlStates.has(code) || code.startsWith("08"))) return true;
    if (code && unavailableNodeCodes.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && unavailableMessages.some((m) => message.includes(m))) {
      return true;
    }
    const errors = (e as { errors?: unknown }).errors; // AggregateError from dual-stack connects
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A SQLSTATE by which the server refused one statement (a constraint, a value, a limit) and
 * left the connection usable; not a connection failure (class 08) or a shutdown (57).
 */
export function isStatementError(err: unknown): boolean {
  const code = codeOf(err);
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57)/.test(code);
}

/** SQLSTATE classes 22 (data exception), 23 (integrity) and 54 (program limit). */
export function isDataError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = codeOf(e);
    if (code && /^(22|23|54)/.test(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** 23505 unique_violation, on the error or its cause (drizzle wraps the driver's error). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (codeOf(e) === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
