import { ApiError } from "@/lib/http/errors";

// Open live-tail streams each read the database every poll for as long as they are open, so
// their number is bounded by constants, not by how many tabs or scripts a caller opens: a few
// per caller (a person with several tabs, a script), and a total per process (the pool's room
// for everything else). Past either, a new stream is refused with 429 and Retry-After; the
// explorer's live tail reopens it later with a growing delay (live-tail.tsx).

export const streamLimits = { perCaller: 4, perProcess: 64 } as const;

const openByCaller = new Map<string, number>();
let openTotal = 0;

/** Takes a stream slot for `caller` or throws 429; the returned function gives it back once. */
export function takeStreamSlot(caller: string): () => void {
  const mine = openByCaller.get(caller) ?? 0;
  if (mine >= streamLimits.perCaller || openTotal >= streamLimits.perProcess) {
    throw new ApiError(
      "rate_limited",
      mine >= streamLimits.perCaller
        ? `At most ${streamLimits.perCaller} live tails may be open at once; close one.`
        : "Too many live tails are open on this server; try again shortly.",
      { headers: { "retry-after": "5" } },
    );
  }
  openByCaller.set(caller, mine + 1);
  openTotal++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    openTotal--;
    const left = (openByCaller.get(caller) ?? 1) - 1;
    if (left <= 0) openByCaller.delete(caller);
    else openByCaller.set(caller, left);
  };
}
