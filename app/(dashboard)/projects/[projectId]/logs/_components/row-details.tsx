"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { EscapedText } from "@/app/_ui/escaped-text";
import { attributesBesideTimeline, breadcrumbTimeline } from "@/lib/logs/breadcrumbs";
import type { LogDto } from "@/lib/logs/dto";
import { maxEscapesPerCell as cell } from "@/lib/logs/visible-text";
import { BreadcrumbTimeline } from "../../(event)/_event/breadcrumb-timeline";
import { RawStack } from "../../(event)/_event/raw-stack";
import { JsonTree } from "./json-tree";

const fields = [
  "environment",
  "release",
  "logger",
  "url",
  "session_id",
  "user_id",
  "trace_id",
  "country",
  "request_id",
] as const;

type Load =
  | { state: "loading" }
  | { state: "failed"; status: number }
  | { state: "ok"; log: LogDto };

/**
 * A grid row opened inline: the event as the read API gives it (the page's session; foreign ids
 * are its 404), shown with the event page's own pieces (message, stack, breadcrumbs timeline,
 * fields, attributes tree). Fetched on opening, so the list's HTML does not carry every stack.
 * Everything is client text, rendered as text.
 */
export function RowDetails({
  logId,
  projectId,
  zone,
}: {
  logId: string;
  projectId: string;
  zone: string;
}) {
  const [load, setLoad] = useState<Load>({ state: "loading" });
  useEffect(() => {
    const abort = new AbortController();
    fetch(`/api/v1/logs/${encodeURIComponent(logId)}`, { signal: abort.signal })
      .then(async (res) =>
        setLoad(
          res.ok
            ? { state: "ok", log: (await res.json()) as LogDto }
            : { state: "failed", status: res.status },
        ),
      )
      .catch(() => {
        if (!abort.signal.aborted) setLoad({ state: "failed", status: 0 });
      });
    return () => abort.abort();
  }, [logId]);
  const href = `/projects/${projectId}/logs/${logId}`;
  if (load.state !== "ok") {
    return (
      <p className="text-xs text-zinc-500" data-row-details={load.state}>
        {load.state === "loading"
          ? "Loading…"
          : `Could not load this event (${load.status || "network error"}).`}{" "}
        <Link href={href} className="underline">
          Open the event page
        </Link>
      </p>
    );
  }
  const { log } = load;
  const crumbs = breadcrumbTimeline(log.attributes);
  const attributes = attributesBesideTimeline(log.attributes, crumbs);
  return (
    <div data-row-details="ok" className="space-y-2 text-sm">
      <p className="flex flex-wrap items-center justify-between gap-2 text-xs">
        <Link href={href} className="font-medium underline" data-open-event="">
          Open event page →
        </Link>
      </p>
      <pre className="whitespace-pre-wrap font-mono text-sm wrap-anywhere">
        <EscapedText text={log.message} keepNewlines />
      </pre>
      {log.stack && <RawStack stack={log.stack} />}
      {crumbs.length > 0 && (
        <section aria-label="Breadcrumbs">
          <h3 className="text-xs font-semibold uppercase text-zinc-500">Breadcrumbs</h3>
          <BreadcrumbTimeline
            crumbs={crumbs}
            zone={zone}
            eventTime={log.timestamp ?? log.received_at}
          />
        </section>
      )}
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-xs">
        {fields.map((f) => {
          const value = log[f];
          return value ? (
            <div key={f} className="contents">
              <dt className="text-zinc-500">{f}</dt>
              <dd className="min-w-0 font-mono wrap-anywhere">
                <EscapedText text={value} maxEscapes={cell} />
              </dd>
            </div>
          ) : null;
        })}
      </dl>
      {attributes && Object.keys(attributes).length > 0 && (
        <section aria-label="Attributes" data-row-attributes="">
          <h3 className="text-xs font-semibold uppercase text-zinc-500">Attributes</h3>
          <JsonTree value={attributes} />
        </section>
      )}
    </div>
  );
}
