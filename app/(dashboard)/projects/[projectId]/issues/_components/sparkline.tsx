import { plural } from "@/lib/format/plural";

const width = 96;
const height = 24;

/** The last 24 hours of an issue, one bar per hour, drawn on the server. */
export function Sparkline({ counts }: { counts: number[] }) {
  const max = Math.max(1, ...counts);
  const total = counts.reduce((n, c) => n + c, 0);
  const bar = width / Math.max(1, counts.length);
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${plural(total, "event")} in the last 24 hours`}
      data-sparkline={total}
      className="block"
    >
      <line x1="0" x2={width} y1={height - 0.5} y2={height - 0.5} stroke="#e4e4e7" />
      {counts.map((count, i) => {
        if (count === 0) return null;
        const h = Math.max(2, (count / max) * (height - 2));
        return (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: one bar per hour, in order
            key={i}
            x={i * bar + 0.5}
            y={height - h}
            width={Math.max(1, bar - 1)}
            height={h}
            className="fill-red-400"
          />
        );
      })}
    </svg>
  );
}
