import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { issueActivity } from "@/lib/issues/activity";
import { issueBreakdowns, urlPath } from "@/lib/issues/breakdowns";
import { issueEventView } from "@/lib/issues/event-navigation";
import { issueSparklines, issueTimeline } from "@/lib/issues/hours";
import { backends } from "../../support/db";
import { type SeededProject, seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "../ingest/post-helper";

// The issue page's own reads (issue 14 §4), over events stored by the real ingest: counts over
// time from issue_hours, tag breakdowns from the newest events, the activity timeline, and the
// newest / oldest / newer / older event within an issue.

const chrome =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";

const crash = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  level: "error",
  message: "TypeError: cart is undefined",
  stack: "TypeError: cart is undefined\n    at checkout (https://shop.test/app.js:1:2)",
  ...extra,
});

describe.each(backends())("issue page reads on %s", (backend) => {
  const database = useTestDatabase(backend);
  let project: SeededProject;
  let other: SeededProject;
  let issue: { id: string; project_id: string; event_count: number };
  let eventIds: string[];

  beforeAll(async () => {
    const limits = { rateLimitPerIpPerMinute: 100_000, rateLimitEventsPerMinute: 1_000_000 };
    project = await seedProject(database.db, limits);
    other = await seedProject(database.db, limits);
    // One request per event: each gets its own received_at, so the order is the sending order.
    const events = [
      crash("e1", {
        release: "1.0",
        environment: "prod",
        user_agent: chrome,
        url: "https://shop.test/cart?x=1",
      }),
      crash("e2", { release: "1.1", environment: "prod", user_agent: firefox, url: "/cart" }),
      crash("e3", { release: "1.1", environment: "staging", user_agent: chrome }),
    ];
    for (const event of events) {
      const res = await postLogs(database.db, JSON.stringify([event]), {
        key: project.key,
        peerIp: "203.0.113.9",
      });
      expect(res.status).toBe(202);
    }
    await postLogs(database.db, JSON.stringify([crash("x1")]), {
      key: other.key,
      peerIp: "203.0.113.9",
    });
    const [row] = await queryRows<{ id: string; event_count: string }>(
      database.db,
      sql`SELECT id::text AS id, event_count FROM issues WHERE project_id = ${project.id}`,
    );
    if (!row) throw new Error("no issue stored");
    issue = { id: row.id, project_id: project.id, event_count: Number(row.event_count) };
    eventIds = (
      await queryRows<{ id: string }>(
        database.db,
        sql`SELECT id::text AS id FROM logs WHERE issue_id = ${issue.id}::bigint ORDER BY received_at, id`,
      )
    ).map((r) => r.id);
  });

  it("counts over time: 24 hourly buckets and 14 daily ones, the events in the last", async () => {
    const now = new Date();
    const timeline = await issueTimeline(database.db, issue.id, now);
    expect(timeline.day).toHaveLength(24);
    expect(timeline.fortnight).toHaveLength(14);
    expect(timeline.day.at(-1)?.events).toBe(3);
    expect(timeline.fortnight.at(-1)?.events).toBe(3);
    expect(timeline.day.slice(0, -1).every((b) => b.events === 0)).toBe(true);
    const sparks = await issueSparklines(database.db, [issue.id, "12345"], now);
    expect(sparks.get(issue.id)?.at(-1)).toBe(3);
    expect(sparks.get("12345")).toEqual(Array(24).fill(0));
    // A day later the events have moved left by 24 buckets: off the hourly chart.
    const later = await issueTimeline(database.db, issue.id, new Date(now.getTime() + 86_400_000));
    expect(later.day.every((b) => b.events === 0)).toBe(true);
    expect(later.fortnight.at(-2)?.events).toBe(3);
  });

  it("breaks the newest events down by release, environment, browser, OS and path", async () => {
    const b = await issueBreakdowns(database.db, issue);
    expect(b.events).toBe(3);
    expect(b.sampled).toBe(false);
    expect(b.tags.release).toEqual([
      { value: "1.1", count: 2 },
      { value: "1.0", count: 1 },
    ]);
    expect(b.tags.environment[0]).toEqual({ value: "prod", count: 2 });
    expect(b.tags.browser).toEqual([
      { value: "Chrome 120", count: 2 },
      { value: "Firefox 121", count: 1 },
    ]);
    expect(b.tags.os.map((v) => v.value).sort()).toEqual(["Linux", "Windows 10/11"]);
    // No user or session: the client IP as stored (truncated by default), as user_count counts.
    expect(b.tags.user).toEqual([{ value: "ip 203.0.113.0", count: 3 }]);
    expect(b.tags.path).toEqual([
      { value: "/cart", count: 2 },
      { value: null, count: 1 },
    ]);
    // An issue said to have more events than read is a sample.
    expect((await issueBreakdowns(database.db, { ...issue, event_count: 10_000 })).sampled).toBe(
      true,
    );
    // Another project's id under this issue reads nothing.
    const foreign = await issueBreakdowns(database.db, { ...issue, project_id: other.id });
    expect(foreign.events).toBe(0);
    expect(urlPath("not a url at all")).toBe("/not%20a%20url%20at%20all");
    expect(urlPath(null)).toBeNull();
  });

  it("steps through the issue's events: newest, oldest, newer, older", async () => {
    const [first, second, third] = eventIds;
    const newest = await issueEventView(database.db, issue);
    expect(newest).toMatchObject({ newest: third, oldest: first, older: second });
    expect(newest?.event.id).toBe(third);
    expect(newest?.newer).toBeUndefined();
    const middle = await issueEventView(database.db, issue, second);
    expect(middle).toMatchObject({ newer: third, older: first });
    const oldest = await issueEventView(database.db, issue, first);
    expect(oldest?.older).toBeUndefined();
    // Not one of its events, malformed, or the issue under another project: nothing.
    const [foreignEvent] = await queryRows<{ id: string }>(
      database.db,
      sql`SELECT id::text AS id FROM logs WHERE project_id = ${other.id}`,
    );
    expect(await issueEventView(database.db, issue, foreignEvent?.id)).toBeNull();
    expect(await issueEventView(database.db, issue, "nope")).toBeNull();
    expect(await issueEventView(database.db, { ...issue, project_id: other.id })).toBeNull();
  });

  it("lists the activity newest first, saying who", async () => {
    await queryRows(
      database.db,
      sql`UPDATE issues SET status = 'resolved', resolved_at = now() WHERE id = ${issue.id}::bigint`,
    );
    const [admin] = await queryRows<{ id: string }>(
      database.db,
      sql`INSERT INTO users (id, email, role) VALUES (gen_random_uuid(), 'fixer@team.test', 'admin') RETURNING id::text AS id`,
    );
    await queryRows(
      database.db,
      sql`INSERT INTO issue_activity (issue_id, at, user_id, action, details) VALUES
        (${issue.id}::bigint, now() - interval '2 minutes', NULL, 'unresolved', NULL),
        (${issue.id}::bigint, now() - interval '1 minute', ${admin?.id}::uuid, 'resolved', NULL),
        (${issue.id}::bigint, now() - interval '30 seconds', NULL, 'ignored', '{"token_id":"t"}'::jsonb)`,
    );
    await postLogs(database.db, JSON.stringify([crash("e4")]), {
      key: project.key,
      peerIp: "203.0.113.9",
    });
    const activity = await issueActivity(database.db, issue.id);
    expect(activity.map((a) => [a.action, a.by])).toEqual([
      ["regressed", "Logwell"],
      ["ignored", "an API token"],
      ["resolved", "fixer@team.test"],
      ["unresolved", "a removed user"],
    ]);
  });
});
