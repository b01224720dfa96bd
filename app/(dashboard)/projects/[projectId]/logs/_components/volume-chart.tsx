import { logLevels } from "@/lib/db/schema/logs";
import type { Volume } from "@/lib/logs/volume";
import { bucketLabel } from "@/lib/logs/volume-buckets";
import { levelStyles } from "./level-badge";
import { LocalTime } from "./local-time";

const width = 960;
const height = 120;

/** Stacked bars by level, drawn on the server (no chart library); only the axis times are a client leaf, in the admin's zone. */
export function VolumeChart({ volume, label }: { volume: Volume; label: string }) {
  const total = volume.buckets.reduce((n, b) => n + b.total, 0);
  const barWidth = width / Math.max(1, volume.buckets.length);
  const scale = volume.max > 0 ? (height - 4) / volume.max : 0;
  return (
    <figure className="rounded-lg border border-zinc-200 bg-white p-3">
      <figcaption className="mb-1 flex justify-between text-xs text-zinc-600">
        <span>
          Volume by level, {label}: <strong data-volume-total={total}>{total}</strong> events
          {volume.buckets.length > 0 && (
            <span data-volume-bucket={volume.bucketSeconds}>
              {" "}
              (1 bar = {bucketLabel(volume.bucketSeconds)})
            </span>
          )}
        </span>
        <span className="flex gap-2">
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
      <svg
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        className="h-28 w-full"
        role="img"
        aria-label={`${total} events ${label}`}
      >
        {volume.buckets.map((bucket, i) => {
          let y = height;
          return (
            <g key={bucket.start}>
              <title>{`${bucket.start}: ${bucket.total} events`}</title>
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
            </g>
          );
        })}
        <line x1="0" x2={width} y1={height - 0.5} y2={height - 0.5} stroke="#d4d4d8" />
      </svg>
      <div className="mt-1 flex justify-between text-[11px] text-zinc-500">
        <LocalTime iso={volume.from} mode="absolute" />
        <LocalTime iso={volume.to} mode="absolute" />
      </div>
    </figure>
  );
}
