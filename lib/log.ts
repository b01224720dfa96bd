import pino from "pino";
import { env } from "@/lib/env";

/**
 * drizzle wraps driver errors in a DrizzleQueryError whose message and `params` carry the
 * query's parameters, i.e. client payloads (and whatever secrets they hold): log the SQL text
 * and the driver's own error, never the parameters (threats INJ-1, PRIV-2).
 */
export function serializeError(err: unknown): unknown {
  if (err && typeof err === "object" && "params" in err && "query" in err) {
    const { query, cause } = err as { query: unknown; cause?: unknown };
    return {
      type: "DrizzleQueryError",
      message: "query failed (parameters omitted)",
      query: typeof query === "string" ? query.slice(0, 500) : undefined,
      cause: cause === undefined ? undefined : serializeError(cause),
    };
  }
  return err instanceof Error ? pino.stdSerializers.err(err) : err;
}

// JSON lines to stdout; never log a request body or an ingest key (threats INJ-1, HTTP-5).
export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: "logwell" },
  serializers: { err: serializeError },
  redact: { paths: ["key", "password", "token", "authorization"], censor: "[redacted]" },
  ...(env().NODE_ENV === "development" && !env().CI
    ? { transport: { target: "pino-pretty", options: { colorize: true } } }
    : {}),
});
