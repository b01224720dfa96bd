import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueAlerts } from "@/lib/alerts/deliver/worker";
import { pruneAlertHistory } from "@/lib/alerts/history";
import {
  createChannel,
  createRule,
  listDeliveries,
  sendTestMessage,
  updateRule,
} from "@/lib/alerts/manage";
import type { NewRule } from "@/lib/alerts/schemas";
import { resetEnvCache } from "@/lib/env";
import { backends } from "../../support/db";
import { seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "../ingest/post-helper";
import { type Receiver, startReceiver, verifyStandardWebhook } from "./receivers";

// Issue 16 (first slice): new-issue and regression alerts recorded at ingest in the outbox,
// delivered by the worker to real receivers: Standard Webhooks signatures, the action
// interval, the storm budget, Slack's 429, a receiver that was down, SSRF refusals.

const minutes = (n: number) => n * 60_000;
const later = (ms: number) => new Date(Date.now() + ms);

/** Distinct issue names that grouping keeps apart (letters only: numbers are parameterised). */
const word = (i: number) =>
  [...i.toString(26)].map((c) => String.fromCharCode(97 + Number.parseInt(c, 26))).join("");

describe.each(backends())("alerts on %s", (backend) => {
  const database = useTestDatabase(backend);
  const ok = () => ({ status: 200, body: "ok" });
  let hook: Receiver;

  beforeAll(async () => {
    process.env.LOGWELL_ALERTS_ALLOW_PRIVATE_TARGETS = "true";
    resetEnvCache();
    hook = await startReceiver(ok);
  });
  afterAll(async () => {
    await hook.close();
    delete process.env.LOGWELL_ALERTS_ALLOW_PRIVATE_TARGETS;
    resetEnvCache();
  });

  let seq = 0;
  const setup = async (
    url: string,
    rule: Partial<NewRule>,
    kind: "webhook" | "slack" = "webhook",
  ) => {
    const project = await seedProject(database.db, {
      name: `alerts ${seq++}`,
      rateLimitPerIpPerMinute: 100_000,
      rateLimitEventsPerMinute: 1_000_000,
    });
    const { channel, secret } = await createChannel(database.db, project.id, {
      kind,
      name: "receiver",
      url,
    });
    const created = await createRule(database.db, project.id, {
      name: "rule",
      trigger: "new_issue",
      channel_id: channel.id,
      enabled: true,
      min_level: "error",
      environment: null,
      release: null,
      action_interval_minutes: 30,
      budget_per_window: 10,
      threshold: 100,
      window_minutes: 10,
      ...rule,
    });
    const send = async (names: string[], extra: Record<string, unknown> = {}) => {
      const events = names.map((message) => ({
        id: `e${seq++}`,
        level: "error",
        message,
        ...extra,
      }));
      const res = await postLogs(database.db, JSON.stringify(events), {
        key: project.key,
        peerIp: "198.51.100.7",
      });
      expect(res.status).toBe(202);
    };
    return { project, channel, secret: secret as string, rule: created, send };
  };

  const fromProject = (r: Receiver, projectId: string) =>
    r.received.filter(
      (m) => (m.json.data as { project?: { id: string } })?.project?.id === projectId,
    );

  it("a new issue sends one signed webhook, once", async () => {
    const { project, secret, send } = await setup(hook.url, {});
    await send(["checkout exploded"]);
    await send(["checkout exploded", "checkout exploded"]);
    await deliverDueAlerts(database.db, {});
    await send(["checkout exploded"]);
    await deliverDueAlerts(database.db, {});
    const got = fromProject(hook, project.id);
    expect(got).toHaveLength(1);
    const [message] = got;
    if (!message) throw new Error("no message");
    expect(verifyStandardWebhook(secret, message)).toBe(true);
    expect(verifyStandardWebhook(`whsec_${Buffer.alloc(32).toString("base64")}`, message)).toBe(
      false,
    );
    expect(message.json.type).toBe("issue.created");
    const issue = (message.json.data as { issue: Record<string, unknown> }).issue;
    expect(issue).toMatchObject({ title: "checkout exploded", level: "error", events: 1 });
    expect(issue.url).toBe(`/projects/${project.id}/issues/${issue.id}`);
    expect(message.headers["webhook-id"]).toMatch(/^msg_/);
  });

  it("filters: a lower level or another environment does not fire", async () => {
    const { project, send } = await setup(hook.url, { environment: "production" });
    await send(["staging only"], { environment: "staging" });
    await send(["warned"], {
      level: "warn",
      stack: "Error: warned\n    at f (app.js:1:1)",
      environment: "production",
    });
    await send(["prod crash"], { environment: "production" });
    await deliverDueAlerts(database.db, {});
    const titles = fromProject(hook, project.id).map(
      (m) => (m.json.data as { issue: { title: string } }).issue.title,
    );
    expect(titles).toEqual(["prod crash"]);
  });

  it("a regression fires once; the action interval holds a second one back", async () => {
    const { project, rule, send } = await setup(hook.url, { trigger: "regression" });
    const resolve = () =>
      database.db.execute(sql`
        update issues set status = 'resolved', resolved_at = now(), status_changed_at = now()
        where project_id = ${project.id}`);
    await send(["payment declined"]);
    await deliverDueAlerts(database.db, {});
    expect(fromProject(hook, project.id)).toHaveLength(0);
    await resolve();
    await send(["payment declined", "payment declined"]);
    await deliverDueAlerts(database.db, {});
    const got = fromProject(hook, project.id);
    expect(got.map((m) => m.json.type)).toEqual(["issue.regressed"]);
    expect((got[0]?.json.data as { issue: { events: number } } | undefined)?.issue.events).toBe(3);
    // Regressed again within the rule's 30 minutes: no second message.
    await resolve();
    await send(["payment declined"]);
    await deliverDueAlerts(database.db, {});
    expect(fromProject(hook, project.id)).toHaveLength(1);
    // Without an interval, the next regression is told again.
    await updateRule(database.db, project.id, rule.id, { action_interval_minutes: 0 });
    await resolve();
    await send(["payment declined"]);
    await deliverDueAlerts(database.db, {});
    expect(fromProject(hook, project.id)).toHaveLength(2);
  });

  it("a storm of 200 new issues: the budget's messages, then one summary", async () => {
    const { project, rule, send } = await setup(hook.url, { budget_per_window: 10 });
    const names = Array.from({ length: 200 }, (_, i) => `storm ${word(i + 1000)}`);
    for (let i = 0; i < names.length; i += 50) await send(names.slice(i, i + 50));
    await deliverDueAlerts(database.db, {});
    expect(fromProject(hook, project.id)).toHaveLength(10);
    // The summary is due when the 10-minute window ends.
    await deliverDueAlerts(database.db, { now: later(minutes(11)) });
    const got = fromProject(hook, project.id);
    expect(got).toHaveLength(11);
    const summary = got[10]?.json;
    expect(summary?.type).toBe("issue.summary");
    expect(
      (summary?.data as { summary: { count: number; samples: string[] } } | undefined)?.summary,
    ).toMatchObject({
      count: 190,
    });
    const log = await listDeliveries(database.db, project.id, rule.id, 100);
    expect(log.filter((d) => d.state === "sent")).toHaveLength(11);
    expect(new Set(got.map((m) => m.headers["webhook-id"])).size).toBe(11);
  });

  it("Slack: Block Kit, and a 429 with Retry-After is retried", async () => {
    const slack = await startReceiver((_r, n) =>
      n === 1 ? { status: 429, headers: { "retry-after": "1" }, body: "rate_limited" } : ok(),
    );
    try {
      const { project, rule, send } = await setup(slack.url, {}, "slack");
      await send(["TypeError: cart.total is not a function"], {
        release: "web@1.2.3",
        environment: "production",
      });
      const first = await deliverDueAlerts(database.db, {});
      expect(first).toEqual({ sent: 0, retrying: 1, failed: 0 });
      let [entry] = await listDeliveries(database.db, project.id, rule.id);
      expect([entry?.state, entry?.lastStatus, entry?.lastAnswer]).toEqual([
        "retrying",
        429,
        "rate_limited",
      ]);
      await deliverDueAlerts(database.db, { now: later(11_000) });
      [entry] = await listDeliveries(database.db, project.id, rule.id);
      expect([entry?.state, entry?.lastStatus, entry?.attempts]).toEqual(["sent", 200, 2]);
      expect(slack.received).toHaveLength(2);
      expect(slack.received[1]?.body).toBe(slack.received[0]?.body);
      const blocks = slack.received[1]?.json.blocks as {
        type: string;
        text?: { type: string; text: string };
        fields?: { text: string }[];
      }[];
      expect(blocks[0]).toEqual({
        type: "header",
        text: { type: "plain_text", text: `New issue in alerts ${seq - 2}` },
      });
      expect(blocks[1]?.text).toEqual({
        type: "plain_text",
        text: "TypeError: cart.total is not a function",
      });
      const fields = blocks.flatMap((b) => b.fields ?? []).map((f) => f.text);
      expect(fields).toEqual([
        "Level: error",
        "Events: 1",
        "Users: 1",
        "Release: web@1.2.3",
        "Environment: production",
      ]);
      expect(slack.received[0]?.json.text).toMatch(/^New issue in /);
    } finally {
      await slack.close();
    }
  });

  it("a receiver down, then back, gets every message once", async () => {
    const probe = await startReceiver(ok);
    const { port, url } = probe;
    await probe.close();
    const { project, send } = await setup(url, {});
    await send(["down one", "down two", "down three"]);
    expect(await deliverDueAlerts(database.db, {})).toEqual({ sent: 0, retrying: 3, failed: 0 });
    expect(await deliverDueAlerts(database.db, { now: later(5_000) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    const back = await startReceiver(ok, port);
    try {
      expect(await deliverDueAlerts(database.db, { now: later(11_000) })).toEqual({
        sent: 3,
        retrying: 0,
        failed: 0,
      });
      await deliverDueAlerts(database.db, { now: later(minutes(60)) });
      const got = fromProject(back, project.id);
      expect(got).toHaveLength(3);
      expect(new Set(got.map((m) => m.headers["webhook-id"])).size).toBe(3);
    } finally {
      await back.close();
    }
  });

  it("a worker that dies mid-delivery: the message comes back with the same id", async () => {
    const { project, rule, send } = await setup(hook.url, {});
    await send(["lease lost"]);
    // A claim whose worker never reports (as after a crash): the lease moved the due time.
    const [claimed] = await database.db
      .execute(sql`update alert_deliveries set next_attempt_at = now() + interval '2 minutes',
                   attempts = attempts + 1 where rule_id = ${rule.id} returning id`)
      .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
    expect(await deliverDueAlerts(database.db, {})).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await deliverDueAlerts(database.db, { now: later(minutes(3)) });
    const got = fromProject(hook, project.id);
    expect(got.map((m) => m.headers["webhook-id"])).toEqual([claimed?.id]);
  });

  it("a test message goes through the rule's channel", async () => {
    const { project, rule, secret } = await setup(hook.url, {});
    await sendTestMessage(database.db, project.id, rule.id);
    await deliverDueAlerts(database.db, {});
    const got = fromProject(hook, project.id);
    expect(got.map((m) => m.json.type)).toEqual(["test"]);
    expect(got[0] && verifyStandardWebhook(secret, got[0])).toBe(true);
  });

  it("history: sent and failed messages older than 30 days go, due ones stay", async () => {
    const { project, rule, send } = await setup(hook.url, {});
    await send(["history one", "history two"]);
    await deliverDueAlerts(database.db, {});
    await sendTestMessage(database.db, project.id, rule.id);
    const old = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await database.db.execute(sql`
      update alert_deliveries set created_at = ${old(31)}::timestamptz where rule_id = ${rule.id}`);
    await database.db.execute(sql`
      update alert_rule_issues set last_at = ${old(31)}::timestamptz where rule_id = ${rule.id}`);
    expect(await pruneAlertHistory(database.db)).toBeGreaterThanOrEqual(2);
    const left = await listDeliveries(database.db, project.id, rule.id);
    expect(left.map((d) => [d.kind, d.state])).toEqual([["test", "pending"]]);
    const marks = await database.db.execute(
      sql`select count(*)::int as n from alert_rule_issues where rule_id = ${rule.id}`,
    );
    expect((marks as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    // The due one is still delivered.
    expect(await deliverDueAlerts(database.db, {})).toEqual({ sent: 1, retrying: 0, failed: 0 });
  });

  describe("without LOGWELL_ALERTS_ALLOW_PRIVATE_TARGETS", () => {
    beforeAll(() => {
      delete process.env.LOGWELL_ALERTS_ALLOW_PRIVATE_TARGETS;
      resetEnvCache();
    });
    afterAll(() => {
      process.env.LOGWELL_ALERTS_ALLOW_PRIVATE_TARGETS = "true";
      resetEnvCache();
    });

    it.each([
      ["loopback", () => hook.url],
      ["metadata", () => "http://169.254.169.254/latest/meta-data/"],
      ["a name resolving to loopback", () => `http://localhost:${hook.port}/hook`],
      ["IPv6 loopback", () => `http://[::1]:${hook.port}/hook`],
      ["IPv4-mapped IPv6", () => `http://[::ffff:127.0.0.1]:${hook.port}/hook`],
      ["private", () => "http://10.1.2.3/hook"],
    ])("refuses %s and never connects", async (_name, url) => {
      const before = hook.received.length;
      const { project, rule } = await setup(url(), {});
      await sendTestMessage(database.db, project.id, rule.id);
      expect(await deliverDueAlerts(database.db, {})).toEqual({ sent: 0, retrying: 0, failed: 1 });
      const [entry] = await listDeliveries(database.db, project.id, rule.id);
      expect(entry?.lastAnswer).toMatch(/private, loopback, link-local or metadata/);
      expect(hook.received.length).toBe(before);
    });
  });
});
