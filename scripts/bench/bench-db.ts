import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase } from "@/lib/db/open";
import { createProject } from "@/lib/projects/create-project";
import { backendPids } from "./cpu-time";

/**
 * A fresh database for one benchmark run on the local Postgres, migrated, with one project whose
 * per-project rate limits are raised so the limiter measures its cost without refusing load.
 */
export interface BenchDatabase {
  url: string;
  projectId: string;
  /** The project's number, for its Sentry endpoint (/api/<number>/envelope/). */
  projectNumber: number;
  /** Rows of the COPY ceiling go to a second project, so each count stays separate. */
  copyProjectId: string;
  key: string;
  countRows(projectId: string): Promise<number>;
  /** Pids of this database's server backends (the app's pool, autovacuum), for CPU metering. */
  backendPids(): Promise<number[]>;
  truncateLogs(): Promise<void>;
  /**
   * Issues of the project whose event_count, user_count or hours differ from their events
   * counted from scratch (and events whose issue has no row): 0 when the counts are exact.
   */
  issueMismatches(projectId: string): Promise<{ bad: number; issues: number; events: number }>;
  /**
   * Buffers the checkpointer has written so far: its work during a figure, including a
   * checkpoint begun earlier (one spreads its writes over ~9 s here).
   */
  checkpointWrites(): Promise<number>;
  drop(): Promise<void>;
}

export const raisedLimit = 1_000_000_000;

const issueCheck = `
  with l as (
    select issue_id, count(*) as n,
           count(distinct coalesce('id:' || user_id, 'session:' || session_id, 'ip:' || client_ip)) as u
    from logs where project_id = $1 and issue_id is not null group by issue_id
  ),
  h as (select issue_id, sum(events) as n from issue_hours group by issue_id),
  i as (select * from issues where project_id = $1)
  select count(*) filter (
           where i.id is null or l.issue_id is null or i.event_count <> l.n
              or i.user_count <> l.u or h.n is distinct from l.n)::int as bad,
         count(i.id)::int as issues, coalesce(sum(l.n), 0)::int as events
  from l full join i on i.id = l.issue_id left join h on h.issue_id = coalesce(i.id, l.issue_id)`;

export async function createBenchDatabase(baseUrl: string): Promise<BenchDatabase> {
  const name = `logwell_bench_${randomBytes(5).toString("hex")}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), driver: "pg", migrate: true });
  try {
    const { project, key } = await createProject(database.db, { name: "bench" });
    const copy = await createProject(database.db, { name: "bench-copy" });
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query(
      "update projects set rate_limit_per_ip_per_minute = $1, rate_limit_events_per_minute = $1",
      [raisedLimit],
    );
    return {
      url: url.toString(),
      projectId: project.id,
      projectNumber: project.number,
      copyProjectId: copy.project.id,
      key,
      countRows: async (projectId) =>
        (
          await client.query<{ n: number }>(
            "select count(*)::int as n from logs where project_id = $1",
            [projectId],
          )
        ).rows[0]?.n ?? 0,
      backendPids: () => backendPids(client, name),
      // Every measurement starts from an empty table: index size must not drift between runs.
      truncateLogs: async () => {
        // The issues the events were counted in go with them.
        await client.query("truncate logs, issues cascade");
        await client.query("vacuum analyze logs");
      },
      issueMismatches: async (projectId) => {
        const { rows } = await client.query<{ bad: number; issues: number; events: number }>(
          issueCheck,
          [projectId],
        );
        return rows[0] ?? { bad: -1, issues: 0, events: 0 };
      },
      checkpointWrites: async () =>
        Number(
          (
            await client.query<{ n: string }>(
              "select buffers_checkpoint as n from pg_stat_bgwriter",
            )
          ).rows[0]?.n ?? 0,
        ),
      drop: async () => {
        await client.end();
        await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  } finally {
    await database.close();
  }
}

/** One statement on a connection of its own to `baseUrl` (CREATE and DROP DATABASE). */
export async function adminQuery(baseUrl: string, statement: string) {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
