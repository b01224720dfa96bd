// Axes of the explorer's volume chart: a y-axis whose top is a round number, and a few time
// ticks that stay readable from a phone up (three labels, shortened where the day repeats).
import { formatTime, type TimePrecision } from "@/lib/format/time";

/** The smallest 1, 2 or 5 × 10ⁿ at or above `max` (at least 1): the top of the y-axis. */
export function niceCeiling(max: number): number {
  if (!(max > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * power >= max) ?? 10;
  return step * power;
}

/** 0, the middle and the top; the middle only when it is a whole count. */
export function yTicks(top: number): number[] {
  return top % 2 === 0 ? [0, top / 2, top] : [0, top];
}

const compact = new Intl.NumberFormat("en", { notation: "compact" });
export const tickCount = (n: number) => compact.format(n);

/** Seconds for spans up to ten minutes (a zoomed chart), minutes up to two days, days beyond. */
export function tickPrecision(spanMs: number): TimePrecision {
  if (spanMs <= 600_000) return "second";
  return spanMs <= 2 * 86_400_000 ? "minute" : "day";
}

/**
 * Start, middle and end of the drawn span in `zone`. Minute ticks on the start's day drop the
 * date, which the first tick (and the caption) already give.
 */
export interface TimeTick {
  /** Across the plot, 0 to 100. */
  percent: 0 | 50 | 100;
  label: string;
}

export function xTicks(fromIso: string, toIso: string, zone: string): TimeTick[] {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return [];
  const precision = tickPrecision(to - from);
  const startDay = formatTime(fromIso, zone, "day");
  return ([0, 50, 100] as const).map((percent) => {
    const label = formatTime(
      new Date(from + ((to - from) * percent) / 100).toISOString(),
      zone,
      precision,
    );
    const short = percent > 0 && precision !== "day" && label.startsWith(startDay);
    return { percent, label: short ? label.slice(startDay.length + 1) : label };
  });
}
