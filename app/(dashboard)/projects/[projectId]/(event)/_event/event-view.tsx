import { EscapedText } from "@/app/_ui/escaped-text";
import type { ViewerTime } from "@/app/_ui/viewer-time";
import { formatTime, relativeTime } from "@/lib/format/time";
import { attributesBesideTimeline, breadcrumbTimeline } from "@/lib/logs/breadcrumbs";
import type { LogDto } from "@/lib/logs/dto";
import type { SymbolicatedStack } from "@/lib/sourcemaps/read/symbolicate";
import { TimeZoneToggle } from "../../../../_shell/time-zone-toggle";
import { JsonTree } from "../../logs/_components/json-tree";
import { LevelBadge } from "../../logs/_components/level-badge";
import { BreadcrumbTimeline } from "./breadcrumb-timeline";
import { EventFields } from "./event-fields";
import { FieldSection } from "./field-section";
import { RawStack } from "./raw-stack";
import { SymbolicatedStackView } from "./symbolicated-stack";

/**
 * One event as the event page shows it (and the issue page, for its latest event): level and
 * time, message, stack, breadcrumbs as a timeline, fields, attributes. All of it is client
 * text, rendered as text.
 */
export function EventView({
  log,
  time,
  symbolicated = null,
}: {
  log: LogDto;
  time: ViewerTime;
  /** The stack read with the project's source maps; shown first when a frame was mapped. */
  symbolicated?: SymbolicatedStack | null;
}) {
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
  const crumbs = breadcrumbTimeline(log.attributes);
  // Shown once: as the timeline when it could be read, else in the attributes' tree.
  const attributes = attributesBesideTimeline(log.attributes, crumbs);
  return (
    <>
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
          {symbolicated && symbolicated.mapped > 0 ? (
            <>
              <p className="mb-1 text-xs text-zinc-500">
                {symbolicated.mapped} of {symbolicated.frames} frames mapped with uploaded source
                maps.
              </p>
              <SymbolicatedStackView stack={symbolicated} />
              <details className="mt-2">
                <summary className="cursor-pointer text-sm">Raw stack</summary>
                <RawStack stack={log.stack} />
              </details>
            </>
          ) : (
            <RawStack stack={log.stack} />
          )}
        </FieldSection>
      )}
      {crumbs.length > 0 && (
        <FieldSection
          title="Breadcrumbs"
          className="rounded-lg border border-zinc-200 bg-white p-3"
        >
          <BreadcrumbTimeline
            crumbs={crumbs}
            zone={time.zone}
            eventTime={log.timestamp ?? log.received_at}
          />
        </FieldSection>
      )}
      <EventFields log={log} zone={time.zone} mark={mark} />
      <FieldSection
        title="Attributes"
        marked={mark("attributes")}
        className="rounded-lg border border-zinc-200 bg-white p-3"
      >
        {attributes && Object.keys(attributes).length > 0 ? (
          <JsonTree value={attributes} />
        ) : (
          <p className="text-sm text-zinc-400">None</p>
        )}
      </FieldSection>
    </>
  );
}
