// GET /projects/[projectId]/logs/[logId] — one event: message, stack, attributes, context.
// In the (event) group so that no loading.tsx boundary wraps it: a missing, foreign or
// malformed id must answer a real 404, which streaming would turn into a 200.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DefinitionRow, type RowProps } from "@/app/_ui/definition-row";
import { EscapedText, Segments } from "@/app/_ui/escaped-text";
import { viewerTime } from "@/app/_ui/viewer-time";
import { pageProject } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { formatTime, relativeTime } from "@/lib/format/time";
import { describeChanges } from "@/lib/logs/changes";
import { getLog } from "@/lib/logs/get";
import { neighbours } from "@/lib/logs/neighbours";
import { safeHttpUrl } from "@/lib/logs/safe-url";
import { stackLines } from "@/lib/logs/stack-lines";
import { parseUserAgent } from "@/lib/logs/user-agent";
import { splitInvisibleParts } from "@/lib/logs/visible-text";
import { TimeZoneToggle } from "../../../../../_shell/time-zone-toggle";
import { CopyButton } from "../../../../_components/copy-button";
import { JsonTree } from "../../../logs/_components/json-tree";
import { LevelBadge } from "../../../logs/_components/level-badge";

export const metadata: Metadata = { title: "Log event" };

const Row = (props: RowProps) => <DefinitionRow look="field" {...props} />;

/** One of the event's long fields under its heading, with the server's mark when it changed it. */
function FieldSection({
  title,
  marked,
  className,
  children,
}: {
  title: string;
  marked: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-label={title} className={className}>
      <h2 className="mb-1 text-xs font-semibold uppercase text-zinc-500">
        {title}
        {marked}
      </h2>
      {children}
    </section>
  );
}

const text = (value: string | null) =>
  value === null ? <span className="text-zinc-400">—</span> : <EscapedText text={value} />;

export default async function LogDetailPage({
  params,
}: {
  params: Promise<{ projectId: string; logId: string }>;
}) {
  const { projectId, logId } = await params;
  const { project } = await pageProject(projectId);
  const db = await getDb();
  const scope = { projectIds: [project.id] };
  const log = await getLog(db, scope, logId);
  if (!log) notFound();
  const [time, near] = await Promise.all([viewerTime(), neighbours(db, scope, log)]);
  const href = safeHttpUrl(log.url);
  const ua = parseUserAgent(log.user_agent);
  const changed = new Set([...log.truncated_fields, ...log.normalized_fields]);
  const mark = (field: string) =>
    changed.has(field) ? (
      <span
        data-changed-field={field}
        className="ml-2 rounded bg-zinc-200 px-1 text-xs text-zinc-700"
      >
        {log.truncated_fields.includes(field) ? "✂ cut by server" : "changed by server"}
      </span>
    ) : null;
  const logs = `/projects/${project.id}/logs`;
  // A link to the explorer filtered to this event's session or user.
  const sameAs = (filter: "session_id" | "user_id", value: string | null, words: string) =>
    value && (
      <Link
        href={`${logs}?${new URLSearchParams({ [filter]: value })}`}
        className="ml-2 text-xs underline"
      >
        {words}
      </Link>
    );

  return (
    <article className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Link href={logs} className="text-sm underline">
          ← All logs
        </Link>
        <nav aria-label="Neighbouring events" className="flex gap-2 text-sm">
          {near.newer ? (
            <Link href={`${logs}/${near.newer}`} rel="prev" className="underline" data-newer="">
              ‹ Newer
            </Link>
          ) : (
            <span className="text-zinc-400">‹ Newer</span>
          )}
          {near.older ? (
            <Link href={`${logs}/${near.older}`} rel="next" className="underline" data-older="">
              Older ›
            </Link>
          ) : (
            <span className="text-zinc-400">Older ›</span>
          )}
        </nav>
        <span className="ml-auto">
          <CopyButton text={JSON.stringify(log, null, 2)} label="Copy as JSON" />
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <LevelBadge level={log.level} />
        <time dateTime={log.received_at} title={log.received_at} className="text-sm">
          {formatTime(log.received_at, time.zone)}
        </time>
        <span className="text-sm text-zinc-500">{relativeTime(log.received_at, Date.now())}</span>
        <TimeZoneToggle time={time} />
      </div>
      <FieldSection title="Message" marked={mark("message")}>
        <pre
          data-field="message"
          className="whitespace-pre-wrap break-words rounded-lg border border-zinc-200 bg-white p-3 font-mono text-sm"
        >
          <EscapedText text={log.message} keepNewlines />
        </pre>
      </FieldSection>
      {log.stack && (
        <FieldSection title="Stack" marked={mark("stack")}>
          <pre
            data-field="stack"
            className="max-h-96 overflow-auto rounded-lg bg-zinc-900 p-3 font-mono text-xs leading-5 text-zinc-100"
          >
            {splitInvisibleParts(log.stack, stackLines(log.stack), { keepNewlines: true }).map(
              (line) => (
                <div
                  key={line.start}
                  className={line.isFrame ? "pl-4 text-zinc-300" : "font-semibold"}
                >
                  <Segments segments={line.segments} />
                </div>
              ),
            )}
          </pre>
        </FieldSection>
      )}
      <dl className="rounded-lg border border-zinc-200 bg-white p-3">
        <Row label="URL">
          <span data-field="url">{text(log.url)}</span>
          {href && (
            <a
              href={href}
              target="_blank"
              rel="noopener noreferrer nofollow"
              className="ml-2 text-xs text-sky-700 underline"
            >
              open ↗
            </a>
          )}
          {mark("url")}
        </Row>
        <Row label="Logger">{text(log.logger)}</Row>
        <Row label="Environment">{text(log.environment)}</Row>
        <Row label="Release">{text(log.release)}</Row>
        <Row label="Session">
          {text(log.session_id)}
          {sameAs("session_id", log.session_id, "same session")}
        </Row>
        <Row label="User">
          {text(log.user_id)}
          {sameAs("user_id", log.user_id, "same user")}
        </Row>
        <Row label="Trace id">{text(log.trace_id)}</Row>
        <Row label="Client time">
          {log.timestamp ? (
            <time dateTime={log.timestamp} title={log.timestamp}>
              {formatTime(log.timestamp, time.zone)}
            </time>
          ) : (
            text(null)
          )}
          {mark("timestamp")}
        </Row>
        <Row label="User agent">
          {ua.browser || ua.os ? (
            <span className="mr-2 font-medium">
              {[ua.browser, ua.os, ua.device].filter(Boolean).join(" · ")}
            </span>
          ) : null}
          <span className="text-xs text-zinc-500">{text(log.user_agent)}</span>
        </Row>
        <Row label="Client IP">
          {text(log.client_ip)}
          {log.country && <span className="ml-2">({text(log.country)})</span>}
        </Row>
        <Row label="Request id">
          <span className="font-mono text-xs">{text(log.request_id)}</span>
        </Row>
        <Row label="Event id">
          <span className="font-mono text-xs">{text(log.event_id)}</span>
        </Row>
        {changed.size > 0 && (
          <Row label="Changed by server">
            <ul data-field="changed" className="list-disc pl-4">
              {describeChanges(log.truncated_fields, log.normalized_fields).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </Row>
        )}
      </dl>
      <FieldSection
        title="Attributes"
        marked={mark("attributes")}
        className="rounded-lg border border-zinc-200 bg-white p-3"
      >
        {log.attributes ? (
          <JsonTree value={log.attributes} />
        ) : (
          <p className="text-sm text-zinc-400">None</p>
        )}
      </FieldSection>
    </article>
  );
}
