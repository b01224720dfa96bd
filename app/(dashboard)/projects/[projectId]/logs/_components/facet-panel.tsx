import Link from "next/link";
import { EscapedText } from "@/app/_ui/escaped-text";
import type { Facets } from "@/lib/logs/facets";
import { withTerm } from "@/lib/logs/query/edit";
import { maxEscapesPerCell } from "@/lib/logs/visible-text";

/**
 * Counts by value for the current query and range (lib/logs/facets.ts). A value is a link that
 * adds it to the query; "−" beside it excludes it. Plain links: the URL stays the state and no
 * script is needed. Values are the logs' own text: rendered escaped, never as markup.
 */
export function FacetPanel({
  facets,
  q,
  hrefFor,
}: {
  facets: Facets | null;
  q: string | undefined;
  hrefFor: (q: string) => string;
}) {
  if (!facets) {
    return (
      <p className="text-xs text-zinc-500">The facets took too long; narrow the time range.</p>
    );
  }
  const approx = facets.estimated ? "≈ " : "";
  return (
    <div className="space-y-3 text-sm" data-facets="">
      <p className="text-xs text-zinc-500">
        {facets.scanLimit !== undefined
          ? `≈ counts over the newest ${facets.scanLimit.toLocaleString("en-US")} events of the range (${facets.counted.toLocaleString("en-US")} matching)`
          : facets.estimated
            ? `≈ counts in the newest ${facets.counted.toLocaleString("en-US")} matching events`
            : `Counts over ${facets.counted.toLocaleString("en-US")} matching events`}
      </p>
      {facets.facets
        .filter((f) => f.values.length > 0)
        .map((facet) => (
          <section key={facet.name} aria-label={`${facet.label} values`} data-facet={facet.name}>
            <h3 className="mb-0.5 text-xs font-semibold uppercase text-zinc-500">{facet.label}</h3>
            <ul className="space-y-0.5">
              {facet.values.map((v) => {
                const include = v.term ? withTerm(q, v.term) : undefined;
                const exclude = v.term ? withTerm(q, `-${v.term}`) : undefined;
                const label = <EscapedText text={v.value} maxEscapes={maxEscapesPerCell} />;
                return (
                  <li key={v.value} className="flex items-start gap-1">
                    {include !== undefined ? (
                      <Link
                        href={hrefFor(include)}
                        className="min-w-0 flex-1 font-mono text-xs wrap-anywhere hover:underline"
                        data-facet-include={v.value}
                      >
                        {label}
                      </Link>
                    ) : (
                      <span className="min-w-0 flex-1 font-mono text-xs wrap-anywhere">
                        {label}
                      </span>
                    )}
                    <span className="shrink-0 text-xs tabular-nums text-zinc-500">
                      {approx}
                      {v.count.toLocaleString("en-US")}
                    </span>
                    {exclude !== undefined && (
                      <Link
                        href={hrefFor(exclude)}
                        aria-label={`Exclude ${v.value.slice(0, 80)}`}
                        title="Exclude"
                        className="shrink-0 rounded px-1 text-xs text-zinc-500 hover:bg-zinc-200"
                        data-facet-exclude={v.value}
                      >
                        −
                      </Link>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
    </div>
  );
}
