import { getTableName, type SQL, sql } from "drizzle-orm";
import { logs } from "@/lib/db/schema/logs";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { logWriteColumns } from "./log-columns";
import { type LogWriteColumn, quotedName, type RequestFacts } from "./write-column";

// The INSERT … SELECT FROM unnest (one array per per-event column) that PGlite and Neon always
// use, and node-postgres when a COPY was refused: generated from the same column list as the
// COPY (log-columns.ts). Per-event values travel as arrays (write-column.ts: text, cast per row
// to the column's type; a text[] column as its own array literal, since unnest cannot take a
// ragged 2-D array); request-wide values are single parameters. ON CONFLICT skips client ids already
// stored, against the partial unique index (project_id, client_id) of the day's partition: it
// names no target, since that index exists only per partition (lib/db/partitions/ddl.ts).

export function unnestInsert(
  table: string,
  columns: readonly LogWriteColumn[],
): (facts: RequestFacts, events: readonly NormalizedEvent[]) => SQL {
  const names = sql.raw(columns.map((c) => quotedName(c.name)).join(", "));
  const perEvent = columns.filter((c) => c.eventText);
  const aliases = sql.raw(perEvent.map((c) => quotedName(c.name)).join(", "));
  return (facts, events) => {
    const selected = columns.map((c) => {
      const type = sql.raw(c.type);
      const fromRequest = c.requestText && sql`${c.requestText(facts)}::${type}`;
      if (!c.eventText) return fromRequest as SQL;
      const fromEvent = sql`r.${sql.raw(quotedName(c.name))}::${type}`;
      return fromRequest ? sql`coalesce(${fromEvent}, ${fromRequest})` : fromEvent;
    });
    const arrays = perEvent.map((c) => array(c, events));
    return sql`
      insert into ${sql.raw(quotedName(table))} (${names})
      select ${sql.join(selected, sql`, `)}
      from unnest(${sql.join(arrays, sql`, `)}) as r(${aliases})
      on conflict do nothing
    `;
  };
}

function array(column: LogWriteColumn, events: readonly NormalizedEvent[]): SQL {
  const literal = (column.eventArray as (events: readonly NormalizedEvent[]) => string)(events);
  return sql`${literal}::${sql.raw(column.arrayType)}`;
}

export const insertLogs = unnestInsert(getTableName(logs), logWriteColumns);
