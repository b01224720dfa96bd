import { sql } from "drizzle-orm";
import { z } from "zod";
import { isoUtc } from "@/lib/db/iso-utc";
import { levelName, logLevels } from "@/lib/db/schema/logs";

// What the read API and the dashboard get for one event: snake_case, id as a string (bigint),
// timestamps formatted by Postgres as text. Formatting in SQL keeps microseconds (the cursor
// needs them) and never throws: node-postgres turns a stored 'infinity' into a Number whose
// toISOString() does not exist (threat V-7); to_char returns NULL for it instead.

export const logDtoSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  event_id: z.string().nullable(),
  received_at: z.string(),
  timestamp: z.string().nullable(),
  level: z.enum(logLevels),
  message: z.string(),
  logger: z.string().nullable(),
  url: z.string().nullable(),
  stack: z.string().nullable(),
  release: z.string().nullable(),
  environment: z.string().nullable(),
  session_id: z.string().nullable(),
  user_id: z.string().nullable(),
  trace_id: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()).nullable(),
  user_agent: z.string().nullable(),
  client_ip: z.string().nullable(),
  country: z.string().nullable(),
  request_id: z.string().nullable(),
  truncated_fields: z.array(z.string()),
  normalized_fields: z.array(z.string()),
  /** The event's issue (decimal string), null for events that belong to none. */
  issue_id: z.string().nullable(),
});

export type LogDto = z.infer<typeof logDtoSchema>;

/** One row as the read queries select it (see `logColumns`). */
export type LogReadRow = Omit<LogDto, "level" | "truncated_fields" | "normalized_fields"> & {
  level: number;
  truncated_fields: string[] | null;
  normalized_fields: string[] | null;
};

/** The select list every read query uses, for a `logs` row aliased `l`. */
export const logColumns = sql.join(
  [
    sql.raw("l.id::text AS id"),
    sql.raw("l.project_id::text AS project_id"),
    sql.raw("l.client_id AS event_id"),
    sql`${isoUtc("l.received_at")} AS received_at`,
    sql`${isoUtc("l.timestamp")} AS timestamp`,
    sql.raw(
      "l.level, l.message, l.logger, l.url, l.stack, l.release, l.environment, l.session_id," +
        " l.user_id, l.trace_id, l.attributes, l.user_agent, l.client_ip, l.country," +
        " l.request_id::text AS request_id, l.truncated_fields, l.normalized_fields," +
        " l.issue_id::text AS issue_id",
    ),
  ],
  sql.raw(", "),
);

export function toLogDto(row: LogReadRow): LogDto {
  const attributes =
    row.attributes && typeof row.attributes === "object" && !Array.isArray(row.attributes)
      ? row.attributes
      : null;
  return {
    id: row.id,
    project_id: row.project_id,
    event_id: row.event_id ?? null,
    received_at: row.received_at,
    timestamp: row.timestamp ?? null,
    level: levelName(Number(row.level)),
    message: row.message,
    logger: row.logger ?? null,
    url: row.url ?? null,
    stack: row.stack ?? null,
    release: row.release ?? null,
    environment: row.environment ?? null,
    session_id: row.session_id ?? null,
    user_id: row.user_id ?? null,
    trace_id: row.trace_id ?? null,
    attributes,
    user_agent: row.user_agent ?? null,
    client_ip: row.client_ip ?? null,
    country: row.country ?? null,
    request_id: row.request_id ?? null,
    truncated_fields: row.truncated_fields ?? [],
    normalized_fields: row.normalized_fields ?? [],
    issue_id: row.issue_id ?? null,
  };
}
