import os from "node:os";
import type { Db } from "@/lib/db/open";
import { issueActivity } from "@/lib/issues/activity";
import { issueBreakdowns } from "@/lib/issues/breakdowns";
import { issueEventView } from "@/lib/issues/event-navigation";
import { parseIssueQuery } from "@/lib/issues/filters";
import { getIssue } from "@/lib/issues/get";
import { issueSparklines, issueTimeline } from "@/lib/issues/hours";
import { listIssues } from "@/lib/issues/list";
import { machineBusyMeter } from "./cpu-time";

// `npm run bench:query`'s issue page scenario: the reads of /projects/{id}/issues/{issueId}
// (lib/issues/{get,event-navigation,hours,breakdowns,activity}) for the largest issue and a
// small one, and the list's sparklines for a page of 25, with the machine's load.

type Time = (label: string, run: () => Promise<unknown>, n?: number) => Promise<void>;

export async function benchIssuePage(db: Db, main: string, time: Time) {
  const scope = { projectIds: [main] };
  const q = (qs: string) => parseIssueQuery(new URLSearchParams(`project=${main}&${qs}`));
  const biggest = (await listIssues(db, scope, q("status=all&sort=events").filters, { limit: 1 }))
    .issues[0];
  const page = await listIssues(db, scope, q("").filters, { limit: 25 });
  const small = page.issues.at(-1);
  if (!biggest || !small) throw new Error("no issues seeded");
  // An event from the middle of the biggest issue, as "Older" many times would reach.
  const middle = await issueEventView(db, biggest);
  const busy = machineBusyMeter();
  busy.start();
  console.log(
    `\n| issue page (largest: ${biggest.event_count.toLocaleString("en")} events; small: ${small.event_count}) | p50 ms | p95 ms | runs |\n|---|---|---|---|`,
  );
  await time("list sparklines, 25 issues", () =>
    issueSparklines(
      db,
      page.issues.map((i) => i.id),
    ),
  );
  for (const [label, issue] of [
    ["largest", biggest],
    ["small", small],
  ] as const) {
    await time(`${label}: getIssue`, () => getIssue(db, scope, issue.id));
    await time(`${label}: newest event + 4 steps`, () => issueEventView(db, issue));
    await time(`${label}: 24 h + 14 d charts`, () => issueTimeline(db, issue.id));
    await time(`${label}: tag breakdowns (newest 500)`, () => issueBreakdowns(db, issue));
    await time(`${label}: activity`, () => issueActivity(db, issue.id));
  }
  await time("largest: an older event + 4 steps", () =>
    issueEventView(db, biggest, middle?.older ?? undefined),
  );
  console.log(
    `\nmachine busy during the issue page: ${Math.round(busy.stop() * 100)} % of ${os.availableParallelism()} CPUs (load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")})`,
  );
}
