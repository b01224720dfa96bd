import { sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { env } from "@/lib/env";
import type { OutboundAnswer } from "./outbound";
import { type MessageContext, messageOutline } from "./payload";

// Email channels (docs/alerts.md → Email): one mail per member of the project who opted in
// (users.alert_emails; owners and admins see every project), plain text and HTML, over the
// operator's SMTP server (docs/operations.md → Email). Every recipient gets their own mail, so
// no one sees the others' addresses. Each mail's Message-ID is the delivery's id, the same on
// every attempt: a retry after a partial send reaches some recipients twice (at least once),
// and their mail client can tell it is the same message.

export class SmtpNotConfigured extends Error {}

/** Bounds one delivery's work; a deployment with more opted-in members gets the first ones. */
const maxRecipients = 500;
const timeoutMs = 10_000;

function transport() {
  const e = env();
  const timeouts = {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
  if (e.SMTP_URL) return nodemailer.createTransport({ url: e.SMTP_URL, ...timeouts });
  if (!e.SMTP_HOST) {
    throw new SmtpNotConfigured("Email is not configured (SMTP_URL or SMTP_HOST).");
  }
  return nodemailer.createTransport({
    host: e.SMTP_HOST,
    port: e.SMTP_PORT ?? 587,
    secure: e.SMTP_PORT === 465,
    auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD ?? "" } : undefined,
    ...timeouts,
  });
}

/** The opted-in users who see the project: its members, and every owner and admin. */
export function emailRecipients(db: Db, projectId: string) {
  return queryRows<{ email: string }>(
    db,
    sql`
      select u.email from users u
      where u.alert_emails and (u.role in ('owner', 'admin') or exists (
        select 1 from project_members m where m.project_id = ${projectId} and m.user_id = u.id))
      order by u.created_at limit ${maxRecipients}`,
  );
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** Subject, text and HTML of a message; event text only ever escaped in the HTML. */
export function emailBody(ctx: MessageContext) {
  const { heading, lines, fields, url } = messageOutline(ctx);
  // Subjects are one line: a title's line breaks would start headers.
  const subject = `[Logwell] ${heading}: ${lines[0] ?? ""}`.replace(/\s+/g, " ").slice(0, 200);
  const text = [heading, "", ...lines, "", ...fields, "", `Open in Logwell: ${url}`].join("\n");
  const html = [
    `<h2>${escapeHtml(heading)}</h2>`,
    ...lines.map((l) => `<p style="white-space:pre-wrap">${escapeHtml(l)}</p>`),
    fields.length > 0 ? `<ul>${fields.map((f) => `<li>${escapeHtml(f)}</li>`).join("")}</ul>` : "",
    ctx.publicUrl ? `<p><a href="${escapeHtml(url)}">Open in Logwell</a></p>` : "",
  ].join("\n");
  return { subject, text, html };
}

/** Sends the message to each recipient; throws (the worker retries) when any mail fails. */
export async function sendEmail(db: Db, ctx: MessageContext): Promise<OutboundAnswer> {
  const from = env().SMTP_FROM;
  if (!from) throw new SmtpNotConfigured("Email is not configured (SMTP_FROM).");
  const mailer = transport();
  const recipients = await emailRecipients(db, ctx.project.id);
  const body = emailBody(ctx);
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? "logwell";
  try {
    for (const { email } of recipients) {
      await mailer.sendMail({ from, to: email, ...body, messageId: `<${ctx.id}@${domain}>` });
    }
  } finally {
    mailer.close();
  }
  return {
    status: 250,
    retryAfterSeconds: null,
    snippet:
      recipients.length === 0
        ? "No member of the project opted in to alert emails."
        : `Mailed ${recipients.length} member${recipients.length === 1 ? "" : "s"}.`,
  };
}
