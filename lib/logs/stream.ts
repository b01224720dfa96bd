import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { and, filterConditions, pgArray } from "./conditions";
import { cursorKey, decodeCursor, encodeCursor, type LogPosition, scopeDigest } from "./cursor";
import { type LogDto, toLogDto } from "./dto";
import type { LogFilters } from "./filters";
import { effectiveProjectIds, fetchPage, type LogScope, positionOf } from "./page-query";
import { withReadTimeout } from "./read-transaction";
import { settledNow } from "./tail";

// Live tail as server-sent events (GET /api/v1/logs/stream). Every `pollMs` the stream reads
// the events after its watermark: a position up to which everything was sent (or counted in a
// "more" marker). Events are sent the moment they are visible, not after the 2 s settle window
// of the polling tail: the watermark itself only advances to the settled time, so a transaction
// that commits late (its received_at already behind newer rows) is still read on a later tick;
// ids already sent above the watermark are remembered and not sent twice. Each message's SSE id
// is the signed watermark cursor, so a reconnect (Last-Event-ID) resumes without a gap; it may
// re-send the last ~2 s, which the client drops by id.
//
// Back-pressure: the stream is pulled. A browser that stops reading stops the polling; when it
// reads again (or reconnects from an old id) a backlog of up to `maxBacklog` settled events is
// sent in batches, a bigger one is skipped with one `more` marker counting it. Nothing is ever
// buffered beyond one batch.

export interface StreamOptions {
  pollMs: number;
  /** Rows per read and per message burst. */
  batch: number;
  /** A backlog larger than this is skipped and counted instead of sent. */
  maxBacklog: number;
  /** The stream ends after this; the client reconnects with the last id. */
  maxDurationMs: number;
  /** A comment line at least this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
}

export const defaultStreamOptions: StreamOptions = {
  pollMs: 250,
  batch: 200,
  maxBacklog: 1_000,
  maxDurationMs: 50_000,
  heartbeatMs: 15_000,
};

export type StreamMessage =
  | { event: "log"; id: string; log: LogDto }
  | { event: "more"; id: string; count: number; capped: boolean }
  | { event: "position"; id: string }
  | { event: "reconnect"; id: string };

const after = (a: LogPosition, b: LogPosition) =>
  a.receivedAt === b.receivedAt ? BigInt(a.id) > BigInt(b.id) : a.receivedAt > b.receivedAt;

/**
 * The tail's state machine, one `tick()` per poll; exported apart from the HTTP stream so
 * tests can drive it step by step.
 */
export async function openTail(
  db: Db,
  scope: LogScope,
  filters: LogFilters,
  cursor: string,
  options: StreamOptions = defaultStreamOptions,
) {
  const projectIds = effectiveProjectIds(scope, filters);
  const key = await cursorKey(db);
  const digest = scopeDigest(projectIds, filters, "newer");
  let watermark = decodeCursor(key, cursor, digest);
  /** Sent ids above the watermark, with their positions. */
  const sent = new Map<string, LogPosition>();
  const idOf = () => encodeCursor(key, watermark, digest);

  const moveWatermark = (to: LogPosition) => {
    if (!after(to, watermark)) return;
    watermark = to;
    for (const [id, position] of sent) if (!after(position, watermark)) sent.delete(id);
  };

  async function tick(): Promise<StreamMessage[]> {
    const { rows, settled, backlog } = await withReadTimeout(db, async (tx) => {
      const settled = await settledNow(tx);
      const rows = await fetchPage(tx, {
        projectIds,
        filters,
        limit: options.batch + 1,
        after: watermark,
      });
      const last = rows[options.batch - 1];
      const behind = rows.length > options.batch && last && !after(positionOf(last), settled);
      const cap = options.maxBacklog * 10 + 1;
      const backlog = behind
        ? await countSettled(tx, projectIds, filters, watermark, settled, cap)
        : 0;
      return { rows, settled, backlog };
    });
    const out: StreamMessage[] = [];
    if (backlog > options.maxBacklog) {
      // Too far behind to catch up: count what is skipped (minus what was already sent).
      let alreadySent = 0;
      for (const position of sent.values()) if (!after(position, settled)) alreadySent++;
      const count = Math.max(0, Math.min(backlog, options.maxBacklog * 10) - alreadySent);
      moveWatermark(settled);
      out.push({ event: "more", id: idOf(), count, capped: backlog > options.maxBacklog * 10 });
      return out;
    }
    const batch = rows.slice(0, options.batch);
    // Everything up to the watermark as it was before this tick was sent: a safe resume point.
    const id = idOf();
    for (const row of batch) {
      if (sent.has(row.id)) continue;
      sent.set(row.id, positionOf(row));
      out.push({ event: "log", id, log: toLogDto(row) });
    }
    const last = batch.at(-1);
    if (rows.length > options.batch && last) {
      // A full batch: continue right after it (catching up, or > batch events in 2 s).
      moveWatermark(positionOf(last));
    } else {
      moveWatermark(settled);
    }
    // The new watermark, so a reconnect after this burst does not re-send it.
    if (out.length > 0) out.push({ event: "position", id: idOf() });
    return out;
  }

  return { tick, position: idOf };
}

/** Matching events in (watermark, settled), counted up to `cap` (one bounded index walk). */
async function countSettled(
  db: Db,
  projectIds: readonly string[],
  filters: LogFilters,
  from: LogPosition,
  settled: LogPosition,
  cap: number,
): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    db,
    sql`SELECT count(*)::bigint AS n FROM (
          SELECT 1 FROM logs l
          WHERE l.project_id = ANY(${pgArray(projectIds)}::uuid[])
            AND ${and(filterConditions(filters))}
            AND l.received_at >= ${from.receivedAt}::timestamptz
            AND (l.received_at, l.id) > (${from.receivedAt}::timestamptz, ${from.id}::bigint)
            AND l.received_at < ${settled.receivedAt}::timestamptz
          LIMIT ${cap}) s`,
  );
  return Number(row?.n ?? 0);
}

export type Tail = Awaited<ReturnType<typeof openTail>>;

const encoder = new TextEncoder();

/** One SSE message; `data` is JSON on one line (JSON escapes CR and LF), so it cannot break out. */
export function sseMessage(message: StreamMessage): string {
  const { event, id, ...rest } = message;
  const data = event === "log" ? (rest as { log: LogDto }).log : rest;
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * The tail as a pulled byte stream of SSE messages: it polls only while the reader reads, ends
 * with a `reconnect` message after `maxDurationMs` or on a failed read (the browser's
 * EventSource then reconnects with Last-Event-ID after `retry`). `onEnd` runs once when it ends.
 */
export function tailEventStream(
  tail: Tail,
  signal: AbortSignal,
  options: StreamOptions = defaultStreamOptions,
  onEnd: () => void = () => {},
): ReadableStream<Uint8Array> {
  const opened = Date.now();
  let lastSent = opened;
  let lastTick = 0;
  const stop = new AbortController();
  // However the stream ends (the reader hangs up, or it closes after its time), once.
  stop.signal.addEventListener("abort", onEnd);
  signal.addEventListener("abort", () => stop.abort());
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(
          encoder.encode(`retry: 500\n${sseMessage({ event: "position", id: tail.position() })}`),
        );
      },
      async pull(controller) {
        while (!stop.signal.aborted) {
          const now = Date.now();
          if (now - opened >= options.maxDurationMs) break;
          if (now - lastTick < options.pollMs) {
            await sleep(options.pollMs - (now - lastTick), stop.signal);
            continue;
          }
          lastTick = now;
          let messages: StreamMessage[];
          try {
            messages = await tail.tick();
          } catch {
            break;
          }
          // The reader hung up during the read: the stream is cancelled, enqueue would throw.
          if (stop.signal.aborted) return;
          if (messages.length === 0 && now - lastSent < options.heartbeatMs) continue;
          if (messages.length === 0) messages = [{ event: "position", id: tail.position() }];
          lastSent = now;
          controller.enqueue(encoder.encode(messages.map(sseMessage).join("")));
          return;
        }
        if (stop.signal.aborted) return;
        controller.enqueue(encoder.encode(sseMessage({ event: "reconnect", id: tail.position() })));
        controller.close();
        stop.abort();
      },
      cancel() {
        stop.abort();
      },
    },
    // Nothing queued ahead of the reader beyond the message being written.
    { highWaterMark: 0 },
  );
}
