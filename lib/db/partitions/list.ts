import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { dayOfPartition } from "./day";

export interface DayPartition {
  name: string;
  /** 00:00 UTC of its day. */
  day: Date;
  /** false: a day table detached by a retention run that stopped before dropping it. */
  attached: boolean;
}

/** The day tables of `logs` (attached or left detached), oldest first. */
export async function listDayPartitions(db: Db): Promise<DayPartition[]> {
  const rows = await queryRows<{ name: string; attached: boolean }>(
    db,
    sql`select c.relname as name,
               exists (select 1 from pg_inherits i
                       where i.inhrelid = c.oid and i.inhparent = 'logs'::regclass) as attached
        from pg_class c
        where c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace
          and c.relname ~ '^logs_[0-9]{8}$'`,
  );
  return rows
    .flatMap((r) => {
      const day = dayOfPartition(r.name);
      return day ? [{ name: r.name, day, attached: r.attached }] : [];
    })
    .sort((a, b) => a.day.getTime() - b.day.getTime());
}

/** Rows the default partition holds: 0 while every received_at has its day's partition. */
export async function defaultPartitionRows(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from logs_default limit 100000) d`,
  );
  return row?.n ?? 0;
}
