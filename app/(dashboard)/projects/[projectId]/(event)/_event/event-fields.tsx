import Link from "next/link";
import { DefinitionRow, type RowProps } from "@/app/_ui/definition-row";
import { EscapedText } from "@/app/_ui/escaped-text";
import { formatTime } from "@/lib/format/time";
import { describeChanges } from "@/lib/logs/changes";
import type { LogDto } from "@/lib/logs/dto";
import { safeHttpUrl } from "@/lib/logs/safe-url";
import { parseUserAgent } from "@/lib/logs/user-agent";

const Row = (props: RowProps) => <DefinitionRow look="field" {...props} />;

export const text = (value: string | null) =>
  value === null ? <span className="text-zinc-400">—</span> : <EscapedText text={value} />;

/** The event's short fields as a definition list; `mark` flags the ones the server changed. */
export function EventFields({
  log,
  zone,
  mark,
}: {
  log: LogDto;
  zone: string;
  mark: (field: string) => React.ReactNode;
}) {
  const href = safeHttpUrl(log.url);
  const ua = parseUserAgent(log.user_agent);
  const logs = `/projects/${log.project_id}/logs`;
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
  const changed = log.truncated_fields.length + log.normalized_fields.length > 0;
  return (
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
            {formatTime(log.timestamp, zone)}
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
      {changed && (
        <Row label="Changed by server">
          <ul data-field="changed" className="list-disc pl-4">
            {describeChanges(log.truncated_fields, log.normalized_fields).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </Row>
      )}
    </dl>
  );
}
