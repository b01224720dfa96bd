import { plural } from "@/lib/format/plural";
import { formatTime } from "@/lib/format/time";
import type { CountBucket } from "@/lib/issues/hours";

const width = 480;
const height = 80;

/** Events per bucket as bars, drawn on the server, with the total and the range in words. */
export function CountChart({
  title,
  buckets,
  zone,
  precision,
}: {
  title: string;
  buckets: CountBucket[];
  zone: string;
  precision: "minute" | "day";
}) {
  const total = buckets.reduce((n, b) => n + b.events, 0);
  const max = Math.max(1, ...buckets.map((b) => b.events));
  const bar = width / Math.max(1, buckets.length);
  const first = buckets[0];
  const last = buckets.at(-1);
  return (
    <figure className="min-w-0 flex-1 rounded-lg border border-zinc-200 bg-white p-3">
      <figcaption className="mb-2 flex justify-between gap-2 text-xs text-zinc-600">
        <span className="font-semibold uppercase text-zinc-500">{title}</span>
        <strong data-chart-total={total}>{plural(total, "event")}</strong>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        className="h-20 w-full"
        role="img"
        aria-label={`${plural(total, "event")}, ${title}`}
      >
        <line x1="0" x2={width} y1={height - 0.5} y2={height - 0.5} stroke="#a1a1aa" />
        {buckets.map((b, i) =>
          b.events === 0 ? null : (
            <rect
              key={b.start}
              x={i * bar + 0.5}
              y={height - Math.max(1, (b.events / max) * height)}
              width={Math.max(1, bar - 1)}
              height={Math.max(1, (b.events / max) * height)}
              className="fill-red-400"
            >
              <title>{`${formatTime(b.start, zone, precision)}: ${plural(b.events, "event")}`}</title>
            </rect>
          ),
        )}
      </svg>
      {first && last && (
        <div className="mt-1 flex justify-between text-[11px] text-zinc-500">
          <span>{formatTime(first.start, zone, precision)}</span>
          <span>max {max.toLocaleString("en")}</span>
          <span>now</span>
        </div>
      )}
    </figure>
  );
}
