// GET /projects/{id}/health — the project's ingest health (accepted against refused or dropped,
// by reason, with what to do), then what Sentry SDKs report about themselves: crash-free
// sessions per release and the events clients dropped before sending (any member).
import type { Metadata } from "next";
import { Card } from "@/app/_ui/card";
import { EscapedText } from "@/app/_ui/escaped-text";
import { pageProject } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { projectIngestHealth } from "@/lib/projects/ingest-health";
import { clientDropTotals, releaseHealth } from "@/lib/projects/sdk-health";
import { IngestHealthPanel } from "./_components/ingest-health-panel";

export const metadata: Metadata = { title: "Health" };

const days = 30;
const ingestHours = 24;
const number = new Intl.NumberFormat("en");
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 2 });
const cell = "px-2 py-1 text-right tabular-nums";

export default async function ProjectHealthPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { project } = await pageProject((await params).projectId);
  const db = await getDb();
  const [ingest, releases, drops] = await Promise.all([
    projectIngestHealth(db, project.id, ingestHours),
    releaseHealth(db, project.id, days),
    clientDropTotals(db, project.id, days),
  ]);
  return (
    <div className="space-y-6">
      <IngestHealthPanel {...ingest} windowHours={ingestHours} />
      <Card
        headingId="releases-heading"
        title="Crash-free sessions by release"
        headingClassName="mb-1"
      >
        <p className="mb-4 text-sm text-zinc-600">
          Last {days} days, from the sessions Sentry SDKs report (release health).
        </p>
        {releases.length === 0 ? (
          <p className="text-sm text-zinc-600">No sessions reported yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="release-health">
              <thead className="text-left text-xs uppercase tracking-wide text-zinc-600">
                <tr>
                  <th className="px-2 py-1">Release</th>
                  <th className={cell}>Crash-free</th>
                  <th className={cell}>Sessions</th>
                  <th className={cell}>Errored</th>
                  <th className={cell}>Crashed</th>
                  <th className={cell}>Abnormal</th>
                  <th className={cell}>Last seen</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200">
                {releases.map((r) => (
                  <tr key={r.release}>
                    <td className="px-2 py-1 break-all">
                      {r.release ? <EscapedText text={r.release} /> : <em>no release</em>}
                    </td>
                    <td className={cell}>
                      {r.crashFree === null ? "—" : percent.format(r.crashFree)}
                    </td>
                    <td className={cell}>{number.format(r.started)}</td>
                    <td className={cell}>{number.format(r.errored)}</td>
                    <td className={cell}>{number.format(r.crashed)}</td>
                    <td className={cell}>{number.format(r.abnormal)}</td>
                    <td className={cell}>{r.lastDay}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card headingId="drops-heading" title="Dropped by the clients" headingClassName="mb-1">
        <p className="mb-4 text-sm text-zinc-600">
          Last {days} days, from the clients&apos; own reports (Sentry SDKs&apos; client reports,
          the Logwell script&apos;s): events they discarded before sending (full queue, full
          storage, network errors, rate limits, sampling), which never reach any server.
        </p>
        {drops.length === 0 ? (
          <p className="text-sm text-zinc-600">No drops reported.</p>
        ) : (
          <table className="w-full text-sm" data-testid="client-drops">
            <thead className="text-left text-xs uppercase tracking-wide text-zinc-600">
              <tr>
                <th className="px-2 py-1">Reason</th>
                <th className="px-2 py-1">Category</th>
                <th className={cell}>Events</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {drops.map((d) => (
                <tr key={`${d.reason}\u0000${d.category}`}>
                  <td className="px-2 py-1 break-all">
                    <EscapedText text={d.reason} />
                  </td>
                  <td className="px-2 py-1 break-all">
                    <EscapedText text={d.category} />
                  </td>
                  <td className={cell}>{number.format(d.quantity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
