import type { DeliveryFacts, IssueFacts, RefusalFacts } from "@/lib/alerts/facts";
import type { IngestOutcome } from "@/lib/db/schema/ingest-outcomes";
import { outcomeWords } from "@/lib/ingest/accounting/advice";

// What a message says, per channel kind (docs/alerts.md → Payload). Text from events (titles,
// culprits, releases) is hostile: the webhook carries it as JSON strings, Slack gets it only in
// plain_text objects (never mrkdwn, so no mentions or links can be smuggled in), email escapes
// it in its HTML part (email.ts).

export interface MessageContext {
  id: string;
  facts: DeliveryFacts;
  project: { id: string; name: string };
  rule: { id: string; name: string } | null;
  /** LOGWELL_PUBLIC_URL without a trailing slash; undefined: links are paths. */
  publicUrl: string | undefined;
  createdAt: Date;
}

const eventTypes = {
  new_issue: "issue.created",
  regression: "issue.regressed",
  summary: "issue.summary",
  ingest_refused: "ingest.refused",
  ingest_recovered: "ingest.recovered",
  test: "test",
} as const;

function link(ctx: MessageContext, path: string): string {
  return `${ctx.publicUrl ?? ""}${path}`;
}

function issueLink(ctx: MessageContext, issue: IssueFacts): string {
  return link(ctx, `/projects/${ctx.project.id}/issues/${issue.id}`);
}

function healthLink(ctx: MessageContext): string {
  return link(ctx, `/projects/${ctx.project.id}/health`);
}

/** The refusal alert in words: how many, the reasons, and what to do about the first. */
function refusalText(ctx: MessageContext, facts: RefusalFacts) {
  const over = facts.kind === "ingest_refused";
  const heading = over
    ? `${facts.events} events refused or dropped in ${ctx.project.name}`
    : `Ingest recovered in ${ctx.project.name}`;
  const summary = `${facts.events} refused or dropped in the last ${facts.windowMinutes} min (alert above ${facts.threshold}).`;
  const words = (outcome: string) => outcomeWords[outcome as IngestOutcome];
  const reasons = facts.outcomes
    .map((o) => `${words(o.outcome)?.label ?? o.outcome}: ${o.events}`)
    .join(" · ");
  const top = facts.outcomes[0];
  const fix = over && top ? words(top.outcome)?.fix(facts.example) : undefined;
  return { heading, lines: [summary, ...(reasons ? [reasons] : []), ...(fix ? [fix] : [])] };
}

/** The Standard Webhooks body: {type, timestamp, data}. */
export function webhookBody(ctx: MessageContext): string {
  const { facts } = ctx;
  const data: Record<string, unknown> = {
    project: {
      id: ctx.project.id,
      name: ctx.project.name,
      url: link(ctx, `/projects/${ctx.project.id}`),
    },
    rule: ctx.rule,
  };
  if (facts.kind === "new_issue" || facts.kind === "regression") {
    data.issue = { ...facts.issue, url: issueLink(ctx, facts.issue) };
  } else if (facts.kind === "ingest_refused" || facts.kind === "ingest_recovered") {
    data.ingest = {
      events: facts.events,
      threshold: facts.threshold,
      window_minutes: facts.windowMinutes,
      outcomes: facts.outcomes,
      example: facts.example,
      url: healthLink(ctx),
    };
  } else if (facts.kind === "summary") {
    data.summary = {
      count: facts.count,
      samples: facts.samples,
      window_start: facts.windowStart,
      url: link(ctx, `/projects/${ctx.project.id}/issues`),
    };
  }
  return JSON.stringify({
    type: eventTypes[facts.kind],
    timestamp: ctx.createdAt.toISOString(),
    data,
  });
}

const cut = (text: string, max: number) =>
  [...text].length > max ? `${[...text].slice(0, max - 1).join("")}…` : text;
const plain = (text: string, max = 2000) => ({ type: "plain_text", text: cut(text, max) || " " });

/** What a human-read message says (Slack, email): heading, text lines, fields and a link. */
export interface MessageOutline {
  heading: string;
  lines: string[];
  fields: string[];
  /** The dashboard page the message is about (absolute only with LOGWELL_PUBLIC_URL). */
  url: string;
}

export function messageOutline(ctx: MessageContext): MessageOutline {
  const { facts } = ctx;
  if (facts.kind === "new_issue" || facts.kind === "regression") {
    const issue = facts.issue;
    return {
      heading: `${facts.kind === "new_issue" ? "New issue" : "Regression"} in ${ctx.project.name}`,
      lines: issue.culprit ? [issue.title, issue.culprit] : [issue.title],
      fields: [
        `Level: ${issue.level}`,
        `Events: ${issue.events}`,
        `Users: ${issue.users}`,
        `Release: ${issue.release ?? "none"}`,
        `Environment: ${issue.environment ?? "none"}`,
      ],
      url: issueLink(ctx, issue),
    };
  }
  if (facts.kind === "ingest_refused" || facts.kind === "ingest_recovered") {
    return { ...refusalText(ctx, facts), fields: [], url: healthLink(ctx) };
  }
  if (facts.kind === "summary") {
    return {
      heading: `${facts.count} more issues in ${ctx.project.name}`,
      lines: [`Also: ${facts.samples.join(" · ")}`],
      fields: [],
      url: link(ctx, `/projects/${ctx.project.id}/issues`),
    };
  }
  return {
    heading: `Test message from Logwell for ${ctx.project.name}`,
    lines: [],
    fields: [],
    url: link(ctx, `/projects/${ctx.project.id}`),
  };
}

/** A Slack incoming-webhook message in Block Kit. */
export function slackBody(ctx: MessageContext): string {
  const { heading, lines, fields, url } = messageOutline(ctx);
  const blocks: unknown[] = [{ type: "header", text: plain(heading, 150) }];
  for (const text of lines) blocks.push({ type: "section", text: plain(text, 3000) });
  if (fields.length > 0) blocks.push({ type: "section", fields: fields.map((f) => plain(f)) });
  // Slack refuses a button whose url is not absolute: only with LOGWELL_PUBLIC_URL.
  if (ctx.publicUrl) {
    blocks.push({
      type: "actions",
      elements: [{ type: "button", text: plain("Open in Logwell", 75), url }],
    });
  }
  return JSON.stringify({ text: cut(heading, 150), blocks });
}
