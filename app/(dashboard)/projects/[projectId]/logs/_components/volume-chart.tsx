import { logLevels } from "@/lib/db/schema/logs";
import { plural } from "@/lib/format/plural";
import { formatTime } from "@/lib/format/time";
import type { Volume } from "@/lib/logs/volume";
import { niceCeiling, tickCount, xTicks, yTicks } from "@/lib/logs/volume-axis";
import { bucketLabel } from "@/lib/logs/volume-buckets";
import { ChartZoom } from "./chart-zoom";
import { levelStyles } from "./level-badge";

const width = 960;
const height = 120;
/** CSS height of the plot (h-28): the y labels sit beside it in pixels, not viewBox units. */
const plotPx = 112;
const anchors = { 0: "start", 50: "middle", 100: "end" } as const;

/**
 * Stacked bars by level, drawn on the server (no chart library), times in the viewer's zone.
 * The bars stretch to any width; the labels are in separate, unstretched SVGs so they stay
 * readable on a phone. Each bar with events is a link narrowing the view to its bucket (so
 * Tab and Enter reach it too); dragging across the plot zooms (ChartZoom).
 */
export function VolumeChart({
  volume,
  label,
  zone,
  rangeHref,
}: {
  volume: Volume;
  label: string;
  zone: string;
  /** The explorer's URL for the same view over the absolute range [from, to). */
  rangeHref: (from: string, to: string) => string;
}) {
  const endMs = Date.parse(volume.to);
  const total = volume.buckets.reduce((n, b) => n + b.total, 0);
  const barWidth = width / Math.max(1, volume.buckets.length);
  const top = niceCeiling(volume.max);
  const scale = height / top;
  const ticks = yTicks(top);
  const times = xTicks(volume.from, volume.to, zone);
  return (
    <figure className="rounded-lg border border-zinc-200 bg-white p-3">
      <figcaption className="mb-3 flex flex-wrap justify-between gap-x-4 gap-y-1 text-xs text-zinc-600">
        <span>
          Volume by level, {label}:{" "}
          <strong data-volume-total={total}>{plural(total, "event")}</strong>
          {volume.buckets.length > 0 && (
            <>
              {" "}
              <span data-volume-range="">
                from {formatTime(volume.from, zone, "minute")} to{" "}
                {formatTime(volume.to, zone, "minute")} ({zone})
              </span>
              <span data-volume-bucket={volume.bucketSeconds}>
                , 1 bar = {bucketLabel(volume.bucketSeconds)}
              </span>
            </>
          )}
        </span>
        <span className="flex flex-wrap gap-x-2">
          {logLevels.map((l) => (
            <span key={l} className="flex items-center gap-1">
              <svg width="8" height="8" aria-hidden="true">
                <rect width="8" height="8" fill={levelStyles[l].fill} />
              </svg>
              {l}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="flex text-[11px] text-zinc-500">
        <svg width="36" height={plotPx} aria-hidden="true" className="shrink-0 overflow-visible">
          {ticks.map((t) => (
            <text
              key={t}
              x="30"
              y={plotPx * (1 - t / top)}
              textAnchor="end"
              dominantBaseline="middle"
              fill="currentColor"
              data-y-tick={t}
            >
              {tickCount(t)}
            </text>
          ))}
        </svg>
        <div className="min-w-0 flex-1">
          <ChartZoom from={volume.from} to={volume.to}>
            <svg
              viewBox={`0 0 ${width} ${height}`}
              preserveAspectRatio="none"
              className="block h-28 w-full"
              aria-label={`${plural(total, "event")} ${label}; drag across to zoom, a bar narrows to its time`}
            >
              {ticks.map((t) => (
                <line
                  key={t}
                  x1="0"
                  x2={width}
                  y1={height - t * scale}
                  y2={height - t * scale}
                  stroke={t === 0 ? "#a1a1aa" : "#e4e4e7"}
                  vectorEffect="non-scaling-stroke"
                />
              ))}
              {volume.buckets.map((bucket, i) => {
                if (bucket.total === 0) return null;
                const startMs = Date.parse(bucket.start);
                const to = new Date(Math.min(endMs, startMs + volume.bucketSeconds * 1000));
                const title = `${formatTime(bucket.start, zone, "second")} to ${formatTime(to.toISOString(), zone, "second")}: ${plural(bucket.total, "event")}`;
                let y = height;
                return (
                  <a
                    key={bucket.start}
                    href={rangeHref(bucket.start, to.toISOString())}
                    aria-label={title}
                    data-volume-bar={bucket.total}
                    data-from={bucket.start}
                    data-to={to.toISOString()}
                    className="focus:outline-none [&:focus>rect:first-child]:fill-sky-100"
                  >
                    <title>{title}</title>
                    {/* The whole column is the target, not only the (maybe 1 px) bar. */}
                    <rect
                      x={i * barWidth}
                      y={0}
                      width={barWidth}
                      height={height}
                      fill="transparent"
                    />
                    {logLevels.map((level) => {
                      const n = bucket.counts[level] ?? 0;
                      if (!n) return null;
                      const h = Math.max(1, n * scale);
                      y -= h;
                      return (
                        <rect
                          key={level}
                          x={i * barWidth + 0.5}
                          y={y}
                          width={Math.max(1, barWidth - 1)}
                          height={h}
                          fill={levelStyles[level].fill}
                        />
                      );
                    })}
                  </a>
                );
              })}
            </svg>
          </ChartZoom>
          <svg className="mt-1 h-4 w-full overflow-visible" aria-hidden="true">
            {times.map((t) => (
              <text
                key={t.percent}
                x={`${t.percent}%`}
                y="12"
                textAnchor={anchors[t.percent]}
                fill="currentColor"
                data-x-tick=""
              >
                {t.label}
              </text>
            ))}
          </svg>
        </div>
      </div>
    </figure>
  );
}
