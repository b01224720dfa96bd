// GET /status — deployment status for signed-in users: version, database, limiter, volume, prune

import type { Metadata } from "next";
import { Card } from "@/app/_ui/card";
import { DefinitionRow, type RowProps } from "@/app/_ui/definition-row";
import { requirePageUser } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db/client";
import type { IngestOutcome } from "@/lib/db/schema/ingest-outcomes";
import { env } from "@/lib/env";
import { plural } from "@/lib/format/plural";
import { healthReport } from "@/lib/health";
import { outcomeWords } from "@/lib/ingest/accounting/advice";

export const metadata: Metadata = { title: "Status" };

const driverNames = { pglite: "Embedded (PGlite)", pg: "PostgreSQL", neon: "Neon (serverless)" };

const clientIpSourceNames = {
  vercel: "x-real-ip (Vercel)",
  proxy_header: "your proxy's header (LOGWELL_TRUSTED_PROXY_HEADER)",
  socket: "the connection (npm start)",
  unknown: "unknown: per-address limits off",
};

function when(iso: string | null | undefined): string {
  return iso ? `${new Date(iso).toISOString().replace("T", " ").slice(0, 19)} UTC` : "never";
}

const Row = (props: RowProps) => <DefinitionRow look="fact" {...props} />;

export default async function StatusPage() {
  await requirePageUser();
  // Same facts as /api/health (one source), plus which driver this deployment uses.
  const report = await healthReport();
  const driver = await getDatabase().then(
    (d) => driverNames[d.kind],
    () => "unreachable",
  );
  const { metrics, last_prune: lastPrune } = report;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Status</h1>
      <p className={report.status === "ok" ? "text-sm text-green-700" : "text-sm text-red-700"}>
        {report.status === "ok"
          ? "All systems working."
          : "Degraded: the database is not answering."}
      </p>
      {report.client_ip.source === "unknown" && env().NODE_ENV !== "development" && (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Client addresses are unknown, so per-address rate limits are off (sign-in attempts are
          still limited per account, ingest per project). Start with <code>npm start</code>, or set{" "}
          <code>LOGWELL_TRUSTED_PROXY_HEADER</code> to the header your proxy sets.
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <Card headingId="status-deployment" title="Deployment" headingClassName="mb-2">
          <dl>
            <Row label="Version">{report.version}</Row>
            <Row label="Commit">{report.commit ?? "unknown"}</Row>
            <Row label="Up for">{Math.round(report.uptime_seconds / 60)} min</Row>
            <Row label="Database">{`${driver}: ${report.db}`}</Row>
            <Row label="Rate limiter">{report.rate_limiter}</Row>
            <Row label="Client IP from">{clientIpSourceNames[report.client_ip.source]}</Row>
          </dl>
        </Card>
        <Card headingId="status-storage" title="Storage and retention" headingClassName="mb-2">
          <dl>
            <Row label="Events today (UTC)">
              {metrics ? metrics.events_today.toLocaleString("en") : "n/a"}
            </Row>
            <Row label="Projects">{metrics ? metrics.projects : "n/a"}</Row>
            <Row label="Oldest stored event">{when(metrics?.oldest_event_at)}</Row>
            <Row label="Last prune">{when(lastPrune?.at)}</Row>
            <Row label="Last prune deleted">
              {lastPrune
                ? `${plural(lastPrune.deleted, "event")}${lastPrune.done ? "" : " (more left)"}`
                : "n/a"}
            </Row>
          </dl>
        </Card>
        <Card headingId="status-ingest" title="Ingest, last 24 hours" headingClassName="mb-2">
          {report.ingest ? (
            <dl data-testid="status-ingest">
              <Row label="Accepted">{report.ingest.accepted.toLocaleString("en")}</Row>
              <Row label="Refused or dropped">{report.ingest.refused.toLocaleString("en")}</Row>
              {Object.entries(report.ingest.by_outcome)
                .filter(([outcome]) => outcome !== "accepted")
                .map(([outcome, events]) => (
                  <Row key={outcome} label={outcomeWords[outcome as IngestOutcome].label}>
                    {events.toLocaleString("en")}
                  </Row>
                ))}
            </dl>
          ) : (
            <p className="text-sm text-zinc-600">n/a</p>
          )}
        </Card>
      </div>
    </div>
  );
}
