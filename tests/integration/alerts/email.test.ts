import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueAlerts } from "@/lib/alerts/deliver/worker";
import { createChannel, createRule, listDeliveries, sendTestMessage } from "@/lib/alerts/manage";
import { newRuleSchema } from "@/lib/alerts/schemas";
import { projectMembers, users } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { setAlertEmails } from "@/lib/users/alert-emails";
import { backends } from "../../support/db";
import { seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "../ingest/post-helper";
import { type SmtpReceiver, startSmtpReceiver } from "./smtp-receiver";

// Issue 16 §3, email channels: a real SMTP server in the test process receives and parses what
// the worker sends over nodemailer: one mail per member who opted in, none for the others;
// hostile titles escaped in the HTML part; a refused connection retried until the server is up,
// with the same Message-ID.

const later = (ms: number) => new Date(Date.now() + ms);
const from = "Logwell <alerts@logwell.test>";

describe.each(backends())("email alerts on %s", (backend) => {
  const database = useTestDatabase(backend);
  let smtp: SmtpReceiver;
  let seq = 0;

  const pointSmtpAt = (url: string) => {
    process.env.SMTP_URL = url;
    process.env.SMTP_FROM = from;
    resetEnvCache();
  };

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    pointSmtpAt(smtp.url);
  });
  afterAll(async () => {
    await smtp.close();
    delete process.env.SMTP_URL;
    delete process.env.SMTP_FROM;
    resetEnvCache();
  });

  const user = async (role: "owner" | "admin" | "viewer", optedIn: boolean) => {
    const [row] = await database.db
      .insert(users)
      .values({ email: `${role}-${seq++}@mail.test`, role })
      .returning();
    if (!row) throw new Error("user insert returned nothing");
    if (optedIn) await setAlertEmails(database.db, row.id, true);
    return row;
  };

  const setup = async () => {
    const name = `email ${seq++}`;
    const project = { ...(await seedProject(database.db, { name })), name };
    const { channel } = await createChannel(database.db, project.id, {
      kind: "email",
      name: "team mail",
      url: null,
    });
    // The API's defaults: a new-issue rule at level error and above, any environment or release.
    const rule = await createRule(
      database.db,
      project.id,
      newRuleSchema.parse({ name: "rule", trigger: "new_issue", channel_id: channel.id }),
    );
    const send = async (message: string) => {
      const res = await postLogs(
        database.db,
        JSON.stringify([{ id: `e${seq++}`, level: "error", message }]),
        { key: project.key, peerIp: "198.51.100.9" },
      );
      expect(res.status).toBe(202);
    };
    return { project, channel, rule, send };
  };

  const mailsOf = (id: string) => smtp.mails.filter((m) => m.messageId === `<${id}@logwell.test>`);

  it("one mail per member who opted in, none for the others", async () => {
    // Owners and admins see every project; viewers only those they are members of.
    await database.db.execute(sql`update users set alert_emails = false`);
    const owner = await user("owner", true);
    await user("admin", false);
    const member = await user("viewer", true);
    const outsider = await user("viewer", true);
    const quietMember = await user("viewer", false);
    const { project, rule } = await setup();
    await database.db.insert(projectMembers).values([
      { projectId: project.id, userId: member.id },
      { projectId: project.id, userId: quietMember.id },
    ]);
    const test = await sendTestMessage(database.db, project.id, rule.id);
    expect(await deliverDueAlerts(database.db, {})).toMatchObject({ sent: 1, failed: 0 });
    const got = mailsOf(test.id);
    expect(got.map((m) => m.rcpt).sort()).toEqual([[member.email], [owner.email]].sort());
    expect(got.map((m) => m.to).sort()).toEqual([member.email, owner.email].sort());
    expect(got.flatMap((m) => m.rcpt)).not.toContain(outsider.email);
    for (const mail of got) {
      expect(mail.from).toBe('"Logwell" <alerts@logwell.test>');
      expect(mail.subject).toContain(`Test message from Logwell for ${project.name}`);
      expect(mail.text).toContain(`Test message from Logwell for ${project.name}`);
      expect(mail.html).toContain(`<h2>Test message from Logwell for ${project.name}</h2>`);
    }
    const [logged] = await listDeliveries(database.db, project.id, rule.id);
    expect(logged).toMatchObject({
      state: "sent",
      lastStatus: 250,
      lastAnswer: "Mailed 2 members.",
    });
  });

  it("a hostile issue title is escaped in the HTML part, kept as text in the plain part", async () => {
    await database.db.execute(sql`update users set alert_emails = false`);
    const owner = await user("owner", true);
    const { project, rule, send } = await setup();
    const hostile = `<script>alert("pwned")</script> & <img src=x onerror=alert(document.cookie)>`;
    await send(hostile);
    expect(await deliverDueAlerts(database.db, {})).toMatchObject({ sent: 1 });
    const [delivery] = await listDeliveries(database.db, project.id, rule.id);
    if (!delivery) throw new Error("no delivery");
    const [mail] = mailsOf(delivery.id);
    if (!mail) throw new Error("no mail");
    expect(mail.rcpt).toEqual([owner.email]);
    expect(mail.subject).toBe(`[Logwell] New issue in ${project.name}: ${hostile}`);
    expect(mail.text).toContain(hostile);
    expect(mail.html).not.toContain("<script");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain(
      "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(document.cookie)&gt;",
    );
  });

  it("a refused SMTP connection is retried, and delivered once the server is up", async () => {
    await database.db.execute(sql`update users set alert_emails = false`);
    const owner = await user("owner", true);
    const probe = await startSmtpReceiver();
    const { port, url } = probe;
    await probe.close();
    pointSmtpAt(url);
    const { project, rule, send } = await setup();
    await send("mail server was down");
    expect(await deliverDueAlerts(database.db, {})).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const [retrying] = await listDeliveries(database.db, project.id, rule.id);
    if (!retrying) throw new Error("no delivery");
    expect(retrying).toMatchObject({ state: "retrying", attempts: 1 });
    expect(retrying.lastAnswer).toMatch(/ECONNREFUSED/);
    const back = await startSmtpReceiver(port);
    try {
      expect(await deliverDueAlerts(database.db, { now: later(11_000) })).toEqual({
        sent: 1,
        retrying: 0,
        failed: 0,
      });
      await deliverDueAlerts(database.db, { now: later(3_600_000) });
      expect(back.mails.map((m) => [m.rcpt, m.messageId])).toEqual([
        [[owner.email], `<${retrying.id}@logwell.test>`],
      ]);
      const [sent] = await listDeliveries(database.db, project.id, rule.id);
      expect(sent).toMatchObject({ id: retrying.id, state: "sent", attempts: 2 });
    } finally {
      await back.close();
      pointSmtpAt(smtp.url);
    }
  });

  it("without SMTP settings an email message fails at once, saying what is missing", async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    try {
      const { project, rule } = await setup();
      await sendTestMessage(database.db, project.id, rule.id);
      expect(await deliverDueAlerts(database.db, {})).toEqual({ sent: 0, retrying: 0, failed: 1 });
      const [failed] = await listDeliveries(database.db, project.id, rule.id);
      expect(failed?.lastAnswer).toBe("Email is not configured (SMTP_URL or SMTP_HOST).");
    } finally {
      pointSmtpAt(smtp.url);
    }
  });
});
