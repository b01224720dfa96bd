import { type SQL, sql } from "drizzle-orm";
import { addDays, partitionName } from "./day";

// The DDL of one day's partition, made as a plain table and then attached: ATTACH PARTITION
// takes SHARE UPDATE EXCLUSIVE on `logs` (ingest and reads go on), where CREATE TABLE … PARTITION
// OF would take ACCESS EXCLUSIVE. Everything the parent's indexes need exists before the attach
// (named here, so plans read `logs_YYYYMMDD_project_received_idx`), and a CHECK constraint
// equal to the range spares the attach its validation scan. drizzle/0011_logs_partitions.sql
// holds the same statements for the days a converted table already had: change both together.
//
// The client-id unique index lives only on partitions (a unique index on the parent would have
// to include received_at and would de-duplicate nothing): ingest's ON CONFLICT DO NOTHING, which
// names no target, checks the unique indexes of the partition a row goes to, so retries are
// de-duplicated within a UTC day (docs/architecture.md → Storage: the retry across midnight).

const ident = (name: string) => sql.raw(`"${name}"`);

export function dayPartitionStatements(day: Date): SQL[] {
  const name = partitionName(day);
  const table = ident(name);
  const from = sql.raw(`'${day.toISOString()}'`);
  const to = sql.raw(`'${addDays(day, 1).toISOString()}'`);
  return [
    sql`create table ${table} (like logs)`,
    sql`alter table ${table} add constraint ${ident(`${name}_pkey`)} primary key (id, received_at)`,
    sql`create index ${ident(`${name}_project_received_idx`)} on ${table}
          (project_id, received_at desc nulls last, id desc nulls last)`,
    sql`create index ${ident(`${name}_issue_received_idx`)} on ${table}
          (issue_id, received_at desc nulls last, id desc nulls last) where issue_id is not null`,
    sql`create unique index ${ident(`${name}_client_id_uq`)} on ${table}
          (project_id, client_id) where client_id is not null`,
    sql`alter table ${table} add constraint ${ident(`${name}_range`)}
          check (received_at >= ${from}::timestamptz and received_at < ${to}::timestamptz)`,
    // Rows the safety net caught for this day (a clock ahead, a partition made late) move in,
    // else the attach would refuse: the default partition may hold no row of the new range.
    sql`with moved as (
          delete from logs_default
          where received_at >= ${from}::timestamptz and received_at < ${to}::timestamptz
          returning *
        ) insert into ${table} select * from moved`,
  ];
}

export function attachStatement(day: Date): SQL {
  const from = sql.raw(`'${day.toISOString()}'`);
  const to = sql.raw(`'${addDays(day, 1).toISOString()}'`);
  return sql`alter table logs attach partition ${ident(partitionName(day))}
             for values from (${from}) to (${to})`;
}

export function detachStatement(name: string): SQL {
  return sql`alter table logs detach partition ${ident(name)}`;
}

export function dropStatement(name: string): SQL {
  return sql`drop table if exists ${ident(name)}`;
}
