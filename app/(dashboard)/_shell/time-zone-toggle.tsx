import type { ViewerTime } from "@/app/_ui/viewer-time";
import { setTimeDisplayAction } from "./actions";

/** Names the zone the page's times are in; a plain form, so it works by keyboard and without JS. */
export function TimeZoneToggle({ time }: { time: ViewerTime }) {
  const canSwitch = time.localZone !== undefined && time.localZone !== "UTC";
  return (
    <form
      action={setTimeDisplayAction}
      className="flex flex-wrap items-center gap-x-2 text-xs text-zinc-600"
      data-time-zone={time.zone}
    >
      <span>
        Times in <strong className="font-medium text-zinc-900">{time.zone}</strong>
      </span>
      {canSwitch && (
        <button
          type="submit"
          name="display"
          value={time.isUtc ? "local" : "utc"}
          className="rounded px-1 underline hover:bg-zinc-200 focus-visible:outline focus-visible:outline-2 focus-visible:outline-zinc-900"
        >
          {time.isUtc ? `Show in ${time.localZone}` : "Show in UTC"}
        </button>
      )}
    </form>
  );
}
