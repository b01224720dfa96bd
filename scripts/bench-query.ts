// `npm run bench:query`: explorer, issue list and issue page read times at 1,000,000 events
// and 10,000 issues. Seeds a fresh database on the local Postgres with COPY, then times the lib/logs and
// lib/issues functions the API and pages call (server time, no HTTP). Prints p50/p95 per query;
// asserts nothing. Results: docs/performance.md.
// Options: --rows N (default 1,000,000), --issues N (default 10,000; the main project's error
// events spread over them), --runs N (default 30), --only issues (the issue list and page alone),
// --only facets (the facets and query-syntax scenarios alone), --keep (keep the database).
import { randomBytes } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type Db, openDatabase } from "@/lib/db/open";
import { ensureDayPartitions } from "@/lib/db/partitions/ensure";
import { levelNumber, logLevels } from "@/lib/db/schema/logs";
import { parseIssueQuery } from "@/lib/issues/filters";
import { listIssues } from "@/lib/issues/list";
import { cursorKey, encodeCursor, scopeDigest } from "@/lib/logs/cursor";
import { logFacets } from "@/lib/logs/facets";
import { type LogFilters, parseLogQuery } from "@/lib/logs/filters";
import { listLogs } from "@/lib/logs/list";
import { logVolume } from "@/lib/logs/volume";
import { createProject } from "@/lib/projects/create-project";
import { adminQuery } from "./bench/bench-db";
import { machineBusyMeter } from "./bench/cpu-time";
import { benchIssuePage } from "./bench/issue-page";
import { type IssueSeed, issueSeed, seedIssueRows } from "./bench/issue-seed";
import { percentile, round } from "./bench/stats";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rows = arg("rows", 1_000_000);
const issueCount = arg("issues", 10_000);
const onlyIssues = process.argv.includes("--only") && process.argv.includes("issues");
const onlyFacets = process.argv.includes("--only") && process.argv.includes("facets");
const runs = arg("runs", 30);
const baseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const days = 7;
const rareToken = "zebra-quokka";

const admin = (statement: string) => adminQuery(baseUrl, statement);

// Level mix of a chatty web app: mostly info/debug, 10 % warn, 5 % error, 0.5 % fatal.
function levelFor(seq: number): number {
  const r = seq % 200;
  if (r === 0) return levelNumber.fatal;
  if (r < 11) return levelNumber.error;
  if (r < 31) return levelNumber.warn;
  if (r < 91) return levelNumber.debug;
  return r < 95 ? levelNumber.trace : levelNumber.info;
}

const esc = (s: string) =>
  s.replace(
    /[\\\t\n\r]/g,
    (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c] ?? c,
  );

function line(projectId: string, seq: number, now: number, issues?: IssueSeed): string {
  const level = levelFor(seq);
  const receivedAt = new Date(now - ((rows - seq) / rows) * days * 86_400_000).toISOString();
  const rare = seq % 10_000 === 7 ? ` ${rareToken}` : "";
  return `${[
    projectId,
    receivedAt,
    String(level),
    `TypeError: Cannot read properties of undefined (reading 'total') #${seq}${rare}`,
    "window.onerror",
    `https://shop.example.com/checkout/cart?step=${seq % 7}`,
    "TypeError: Cannot read properties of undefined\n    at renderTotals (app-3f2a.js:1:48213)",
    seq % 1000 === 3 ? "web@1.0.0-rare" : `web@2.${seq % 10}.0`,
    "production",
    `sess-${(seq % 9973).toString(36)}`,
    JSON.stringify({ route: "/checkout/cart", cartItems: seq % 12 }),
  ]
    .map(esc)
    .join("\t")}\t${issues && level >= levelNumber.error ? issues.next() : "\\N"}\n`;
}

async function seed(
  url: string,
  projectId: string,
  count: number,
  now: number,
  issues?: IssueSeed,
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    async function* lines() {
      for (let start = 0; start < count; start += 2000) {
        let chunk = "";
        for (let i = start; i < Math.min(count, start + 2000); i++)
          chunk += line(projectId, i, now, issues);
        yield chunk;
      }
    }
    const columns =
      "project_id,received_at,level,message,logger,url,stack,release,environment,session_id,attributes,issue_id";
    await pipeline(
      Readable.from(lines()),
      client.query(copyFrom(`COPY logs (${columns}) FROM STDIN`)),
    );
    await client.query("VACUUM ANALYZE logs");
  } finally {
    await client.end();
  }
}

async function time(label: string, fn: () => Promise<unknown>, n = runs) {
  for (let i = 0; i < 3; i++) await fn().catch(() => {});
  const samples: number[] = [];
  let failures = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn().catch(() => failures++);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const p50 = round(percentile(samples, 50), 2);
  const p95 = round(percentile(samples, 95), 2);
  console.log(`| ${label} | ${p50} | ${p95} | ${n}${failures ? ` (${failures} timed out)` : ""} |`);
}

/** The issue list's first pages (LIMIT 25) at the seeded issue count, and the machine's load. */
async function benchIssueList(db: Db, main: string, others: string[]) {
  const scope = { projectIds: [main] };
  const f = (qs: string) => parseIssueQuery(new URLSearchParams(`project=${main}&${qs}`));
  const first = (qs: string) => {
    const { filters, page } = f(qs);
    return () => listIssues(db, scope, filters, page);
  };
  const second = await listIssues(db, scope, f("").filters, f("").page);
  const busy = machineBusyMeter();
  busy.start();
  console.log("\n| issue list (LIMIT 25) | p50 ms | p95 ms | runs |\n|---|---|---|---|");
  await time("default: unresolved, by last seen", first(""));
  await time("second page (cursor)", () =>
    listIssues(db, scope, f("").filters, {
      ...f("").page,
      cursor: second.next_cursor ?? undefined,
    }),
  );
  await time("status=all&sort=events", first("status=all&sort=events"));
  await time("sort=users", first("sort=users"));
  await time("level=fatal&sort=first_seen", first("level=fatal&sort=first_seen"));
  await time("release=web@2.3.0 (common)", first("release=web@2.3.0"));
  await time("release=web@1.0.0-rare&sort=events", first("release=web@1.0.0-rare&sort=events"));
  await time("environment=production&status=all", first("environment=production&status=all"));
  await time("q=reading 'f42' (rare title)", first("q=reading%20'f42'"));
  await time("all 3 projects", () => {
    const { filters, page } = parseIssueQuery(new URLSearchParams());
    return listIssues(db, { projectIds: [main, ...others] }, filters, page);
  });
  console.log(
    `\nmachine busy during the issue list: ${Math.round(busy.stop() * 100)} % of ${os.availableParallelism()} CPUs (load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")})`,
  );
}

/**
 * The explorer's facets (newest 1,000 matching events of the 24 h range) and the query
 * syntax's filters, each as the page runs them, with the machine's load.
 */
async function benchFacets(db: Db, main: string, now: number, q: (qs: string) => LogFilters) {
  const scope = { projectIds: [main] };
  const range = { from: new Date(now - 86_400_000).toISOString(), to: new Date(now).toISOString() };
  const query = (text: string) => ({ ...q(`q=${encodeURIComponent(text)}`), ...range });
  const busy = machineBusyMeter();
  busy.start();
  console.log(
    "\n| facets, 24 h (newest 1,000 matches) | p50 ms | p95 ms | runs |\n|---|---|---|---|",
  );
  await time("no query", () => logFacets(db, scope, { ...q(""), ...range }));
  await time("level:error (5 %)", () => logFacets(db, scope, query("level:error")));
  await time("release:web@2.3.* attr.cartItems:>6", () =>
    logFacets(db, scope, query("release:web@2.3.* attr.cartItems:>6")),
  );
  await time("release:web@1.0.0-rare (0.1 %)", () =>
    logFacets(db, scope, query("release:web@1.0.0-rare")),
  );
  await time(`text "${rareToken}" (0.01 %)`, () => logFacets(db, scope, query(`"${rareToken}"`)));
  const page = { limit: 50 };
  console.log("\n| query syntax (LIMIT 50) | p50 ms | p95 ms | runs |\n|---|---|---|---|");
  await time("q=level:>=error -release:web@2.3.0", () =>
    listLogs(db, scope, q(`q=${encodeURIComponent("level:>=error -release:web@2.3.0")}`), page),
  );
  await time("q=release:web@2.* attr.cartItems:>6", () =>
    listLogs(db, scope, q(`q=${encodeURIComponent("release:web@2.* attr.cartItems:>6")}`), page),
  );
  await time("q=path:/checkout/cart has:stack", () =>
    listLogs(db, scope, q(`q=${encodeURIComponent("path:/checkout/cart has:stack")}`), page),
  );
  console.log(
    `\nmachine busy during facets and query syntax: ${Math.round(busy.stop() * 100)} % of ${os.availableParallelism()} CPUs (load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")})`,
  );
}

async function main() {
  const name = `logwell_bench_query_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), driver: "pg", migrate: true });
  try {
    const db = database.db;
    const main = (await createProject(db, { name: "bench-query" })).project.id;
    const others = [
      (await createProject(db, { name: "other-1" })).project.id,
      (await createProject(db, { name: "other-2" })).project.id,
    ];
    const now = Date.now();
    // The seeded days' partitions, as those days' prune runs would have made them.
    await ensureDayPartitions(db, new Date(now - days * 86_400_000), days + 1);
    const seedStart = performance.now();
    await seed(url.toString(), main, rows, now, issueSeed(main, issueCount));
    for (const other of others) await seed(url.toString(), other, Math.floor(rows / 20), now);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    console.log(
      `seeded ${rows} + 2×${Math.floor(rows / 20)} rows over ${days} days with COPY in ${round(seedSeconds, 1)} s (${round((rows * 1.1) / seedSeconds)} rows/s)`,
    );
    const issuesMade = await seedIssueRows(url.toString(), main);
    console.log(`made ${issuesMade} issues from the main project's error events`);
    const scope = { projectIds: [main] };
    const q = (qs: string): LogFilters =>
      parseLogQuery(new URLSearchParams(`project=${main}&${qs}`)).filters;
    if (onlyFacets) return await benchFacets(db, main, now, q);
    await benchIssueList(db, main, others);
    await benchIssuePage(db, main, time);
    if (onlyIssues) return;
    const page = { limit: 50 };
    // A cursor 5,000 rows deep, as a user paging far back would hold.
    const pg5000 = await new pg.Client({ connectionString: url.toString() });
    await pg5000.connect();
    const deep = await pg5000.query<{ t: string; id: string }>(
      `SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t, id::text AS id
       FROM logs WHERE project_id = $1
       ORDER BY received_at DESC NULLS LAST, id DESC NULLS LAST OFFSET 5000 LIMIT 1`,
      [main],
    );
    await pg5000.end();
    const key = await cursorKey(db);
    const deepCursor = encodeCursor(
      key,
      { receivedAt: deep.rows[0]?.t ?? "", id: deep.rows[0]?.id ?? "0" },
      scopeDigest([main], q(""), "older"),
    );
    const day = new Date(now - 86_400_000).toISOString();

    console.log("\n| query (LIMIT 50, newest first) | p50 ms | p95 ms | runs |\n|---|---|---|---|");
    await time("first page, one project", () => listLogs(db, scope, q(""), page));
    await time("keyset page 5,000 rows deep", () =>
      listLogs(db, scope, q(""), { limit: 50, cursor: deepCursor }),
    );
    await time("all 3 projects (LATERAL merge)", () =>
      listLogs(
        db,
        { projectIds: [main, ...others] },
        parseLogQuery(new URLSearchParams()).filters,
        page,
      ),
    );
    await time("level=error (5 %)", () => listLogs(db, scope, q("level=error"), page));
    await time("level=fatal (0.5 %)", () => listLogs(db, scope, q("level=fatal"), page));
    await time("min_level=warn", () => listLogs(db, scope, q("min_level=warn"), page));
    await time("release common (10 %)", () => listLogs(db, scope, q("release=web@2.3.0"), page));
    await time("release rare (0.1 %)", () =>
      listLogs(db, scope, q("release=web@1.0.0-rare"), page),
    );
    await time("session_id (0.01 %)", () => listLogs(db, scope, q("session_id=sess-7"), page));
    const unbounded = { searchWindowMs: (days + 1) * 86_400_000 };
    await time("q common term (every row)", () => listLogs(db, scope, q("q=renderTotals"), page));
    await time("q rare term (0.01 %), one 24 h slice (default)", () =>
      listLogs(db, scope, q(`q=${rareToken}`), page),
    );
    await time("q absent term, one 24 h slice (default)", () =>
      listLogs(db, scope, q("q=no-such-text"), page),
    );
    await time(
      "q rare term, whole table in one page (no slicing)",
      () => listLogs(db, scope, q(`q=${rareToken}`), page, unbounded),
      5,
    );
    await time(
      "q absent term, whole table in one page (no slicing)",
      () => listLogs(db, scope, q("q=no-such-text"), page, unbounded),
      5,
    );
    await time(
      "volume chart, 24 h",
      () => logVolume(db, scope, { ...q(""), from: day, to: new Date(now).toISOString() }),
      10,
    );
    await time(
      "volume chart, 7 d",
      () =>
        logVolume(db, scope, {
          ...q(""),
          from: new Date(now - 7 * 86_400_000).toISOString(),
          to: new Date(now).toISOString(),
        }),
      5,
    );
    await benchFacets(db, main, now, q);
    console.log(
      `\n${logLevels.length} levels; statement_timeout 5 s per read (LOGWELL_QUERY_TIMEOUT_MS): "timed out" = cancelled, an API 503.`,
    );
  } finally {
    await database.close();
    if (!process.argv.includes("--keep"))
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
