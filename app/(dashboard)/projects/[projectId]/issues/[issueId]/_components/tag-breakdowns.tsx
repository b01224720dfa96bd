import { EscapedText } from "@/app/_ui/escaped-text";
import { plural } from "@/lib/format/plural";
import { type BreakdownKind, breakdownKinds, type IssueBreakdowns } from "@/lib/issues/breakdowns";
import { maxEscapesPerCell as cell } from "@/lib/logs/visible-text";

const titles: Record<BreakdownKind, string> = {
  release: "Release",
  environment: "Environment",
  browser: "Browser",
  os: "OS",
  path: "URL path",
  user: "Users most affected",
};

/** The top values of each tag over the issue's newest events, with their share as a bar. */
export function TagBreakdowns({ breakdowns }: { breakdowns: IssueBreakdowns }) {
  const n = Math.max(1, breakdowns.events);
  return (
    <section aria-label="Tags" className="rounded-lg border border-zinc-200 bg-white p-3">
      <h2 className="text-xs font-semibold uppercase text-zinc-500">Tags</h2>
      <p className="mb-2 text-xs text-zinc-500" data-breakdown-sample={breakdowns.sampled}>
        {breakdowns.sampled
          ? `From the newest ${plural(breakdowns.events, "event")} (a sample).`
          : `From all ${plural(breakdowns.events, "event")}.`}
      </p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {breakdownKinds.map((kind) => (
          <div key={kind} data-tag={kind} className="min-w-0">
            <h3 className="mb-1 text-xs font-medium text-zinc-600">{titles[kind]}</h3>
            <ul className="space-y-1 text-xs">
              {breakdowns.tags[kind].map(({ value, count }) => {
                const share = Math.round((count / n) * 100);
                return (
                  <li
                    key={value ?? "\u0000none"}
                    className="relative overflow-hidden rounded bg-zinc-50"
                  >
                    <span
                      aria-hidden="true"
                      className="absolute inset-y-0 left-0 bg-sky-100"
                      style={{ width: `${share}%` }}
                    />
                    <span className="relative flex justify-between gap-2 px-1.5 py-0.5">
                      <span className="min-w-0 truncate font-mono" data-tag-value="">
                        {value === null ? (
                          <span className="text-zinc-400">(none)</span>
                        ) : (
                          <EscapedText text={value} maxEscapes={cell} />
                        )}
                      </span>
                      <span className="shrink-0 tabular-nums text-zinc-600">{share}%</span>
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
