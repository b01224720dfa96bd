// The project's Ingest health panel: events accepted against those refused or dropped, per hour
// and by reason, with the top reason in words and what to do about it. Counts come from
// ingest_outcomes (lib/projects/ingest-health.ts); examples are client-sent text, shown as text.
import { Card } from "@/app/_ui/card";
import { EscapedText } from "@/app/_ui/escaped-text";
import type { IngestOutcome } from "@/lib/db/schema/ingest-outcomes";
import { outcomeWords } from "@/lib/ingest/accounting/advice";
import { type HourOutcome, type OutcomeTotal, topRefusal } from "@/lib/projects/ingest-health";

const number = new Intl.NumberFormat("en");
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });
const cell = "px-2 py-1 text-right tabular-nums";

interface HourRow {
  hour: string;
  accepted: number;
  refused: number;
}

function byHour(hours: readonly HourOutcome[]): HourRow[] {
  const rows = new Map<string, HourRow>();
  for (const h of hours) {
    const row = rows.get(h.hour) ?? { hour: h.hour, accepted: 0, refused: 0 };
    if (h.outcome === "accepted") row.accepted += h.events;
    else row.refused += h.events;
    rows.set(h.hour, row);
  }
  return [...rows.values()];
}

export function IngestHealthPanel({
  hours,
  totals,
  windowHours,
}: {
  hours: HourOutcome[];
  totals: OutcomeTotal[];
  windowHours: number;
}) {
  const accepted = totals.find((t) => t.outcome === "accepted")?.events ?? 0;
  const refusals = totals.filter((t) => t.outcome !== "accepted");
  const refused = refusals.reduce((n, t) => n + t.events, 0);
  const top = topRefusal(totals);
  const rows = byHour(hours);
  const peak = Math.max(1, ...rows.map((r) => r.accepted + r.refused));
  return (
    <Card headingId="ingest-health-heading" title="Ingest health" headingClassName="mb-1">
      <p className="mb-4 text-sm text-zinc-600">
        Last {windowHours} hours: events this server accepted, refused, or that clients reported
        dropping (counted per minute, up to a few seconds behind).
      </p>
      {accepted + refused === 0 ? (
        <p className="text-sm text-zinc-600">Nothing received yet.</p>
      ) : (
        <div className="space-y-4" data-testid="ingest-health">
          <p className="text-sm">
            <strong>{number.format(accepted)}</strong> accepted,{" "}
            <strong>{number.format(refused)}</strong> refused or dropped
            {refused > 0 && ` (${percent.format(refused / (accepted + refused))})`}.
          </p>
          {top && (
            <div
              className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
              data-testid="ingest-advice"
            >
              <p className="font-medium">
                Most refused: {outcomeWords[top.outcome].label} ({number.format(top.events)})
              </p>
              <p>{outcomeWords[top.outcome].means}</p>
              <p>
                What to do: <EscapedText text={outcomeWords[top.outcome].fix(top.example)} />
              </p>
            </div>
          )}
          {refusals.length > 0 && (
            <table className="w-full text-sm" data-testid="ingest-outcomes">
              <thead className="text-left text-xs uppercase tracking-wide text-zinc-600">
                <tr>
                  <th className="px-2 py-1">Reason</th>
                  <th className={cell}>Events</th>
                  <th className={cell}>Requests</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200">
                {refusals.map((t) => (
                  <tr key={t.outcome} data-outcome={t.outcome}>
                    <td
                      className="px-2 py-1"
                      title={outcomeWords[t.outcome as IngestOutcome].means}
                    >
                      {outcomeWords[t.outcome].label}
                    </td>
                    <td className={cell}>{number.format(t.events)}</td>
                    <td className={cell}>{number.format(t.requests)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <figure>
            <figcaption className="mb-1 text-xs text-zinc-600">
              Per hour (UTC): <span className="text-emerald-700">accepted</span> and{" "}
              <span className="text-red-700">refused or dropped</span>
            </figcaption>
            <ul className="space-y-0.5 text-xs tabular-nums">
              {rows.map((r) => (
                <li key={r.hour} className="flex items-center gap-2">
                  <span className="w-12 shrink-0 text-zinc-600">{r.hour.slice(11, 16)}</span>
                  <span className="flex h-3 flex-1">
                    <span
                      className="bg-emerald-500"
                      style={{ width: `${(100 * r.accepted) / peak}%` }}
                    />
                    <span
                      className="bg-red-500"
                      style={{ width: `${(100 * r.refused) / peak}%` }}
                    />
                  </span>
                  <span className="w-32 shrink-0 text-right">
                    {number.format(r.accepted)} / {number.format(r.refused)}
                  </span>
                </li>
              ))}
            </ul>
          </figure>
        </div>
      )}
    </Card>
  );
}
