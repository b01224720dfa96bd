// The send queue (one per page): batches by count, bytes and time; one request in flight;
// retries network errors, 429 and 5xx with backoff (honouring Retry-After) and never other 4xx;
// parks events in the offline store while they cannot be sent; and leaves by beacon when the
// page hides.
import { isRetryable, retryDelay } from "./backoff";
import { batchBody, byteLength, type Item, takeBatch } from "./batch";
import { openStore, readStored, saveStored } from "./store";

export const BATCH_COUNT = 50;
/** Per request, and per page-hide in total: beacons and keepalive fetches share 64 KiB in flight. */
export const BATCH_BYTES = 60_000;
const MAX_QUEUED = 1000;

/** Longest wait of an event for its batch. */
export const BATCH_DELAY_MS = 1000;

let url = "";
let post: typeof fetch;
let queue: Item[] = [];
let inFlight: Item[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
// Passes over the queue run one after another: one request in flight, in order.
let running: Promise<void> = Promise.resolve();
let failures = 0;
let holdUntil = 0;
// Events a full queue pushed out, told to the server with the next request it acknowledges
// (the project's ingest health counts them as dropped by the client).
let overflowed = 0;

/**
 * Sends to `endpoint` (with the key in the query), parking events in `storage` under
 * `storageKey`. Stored events join on `resumeDelivery()`.
 */
export function startDelivery(endpoint: string, storage: Storage | undefined, storageKey: string) {
  openStore(storage, storageKey);
  url = endpoint;
  post = fetch; // the page's own, before the network capture wraps it
}

const isOnline = () => navigator.onLine !== false;

const later = (ms: number) => {
  timer ??= setTimeout(flushQueue, Math.max(ms, holdUntil - Date.now()));
};

/** Sends what is queued; resolves when acknowledged, or parked for a retry. */
export function flushQueue(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  running = running.then(sendQueued, sendQueued);
  return running;
}

async function sendQueued() {
  while (queue.length) {
    const wait = holdUntil - Date.now();
    if (wait > 0 || !isOnline()) {
      saveStored(queue);
      // Offline: the `online` event resumes at once; the timer is a fallback.
      return later(wait > 0 ? wait : retryDelay(++failures));
    }
    const batch = takeBatch(queue, BATCH_COUNT, BATCH_BYTES);
    inFlight = batch;
    let status = 0;
    let retryAfter: string | null = null;
    const dropped = overflowed;
    const body = batchBody(batch);
    try {
      // A string body is text/plain and the key is in the query: a CORS "simple" request, so
      // no preflight round trip, and the same URL serves sendBeacon.
      const response = await post(url, {
        method: "POST",
        body: dropped ? `{"events":${body},"dropped":{"queue_overflow":${dropped}}}` : body,
      });
      status = response.status;
      retryAfter = response.headers.get("retry-after");
    } catch {
      // Network error: status 0, retried.
    }
    inFlight = [];
    if (isRetryable(status, failures)) {
      holdUntil = Date.now() + retryDelay(++failures, retryAfter);
      saveStored(queue);
      return later(0);
    }
    // Stored (2xx, even with some events rejected) or refused for good (other 4xx): done.
    failures = 0;
    overflowed -= dropped;
    const ids = batch.map((item) => item[0]);
    queue = queue.filter((item) => !ids.includes(item[0]));
    saveStored([], ids);
  }
}

export function enqueue(item: Item) {
  // A queue that cannot drain (server down for hours) keeps the newest events.
  if (queue.push(item) > MAX_QUEUED) {
    queue.shift();
    overflowed++;
  }
  if (queue.length >= BATCH_COUNT && Date.now() >= holdUntil) flushQueue();
  else later(BATCH_DELAY_MS);
}

/** True while `item` still waits in the queue (not in a request): it may still change. */
export const isWaiting = (item: Item): boolean => queue.includes(item) && !inFlight.includes(item);

/** Page hidden or unloading: everything leaves now by beacon, and stays stored. */
export function hideDelivery() {
  if (!queue.length) return;
  // Kept until a later page has it acknowledged: a beacon's answer (even a 429) is unreadable.
  saveStored(queue);
  if (!isOnline()) return;
  let budget = BATCH_BYTES;
  for (;;) {
    const batch = takeBatch(queue, BATCH_COUNT, budget);
    const body = batchBody(batch);
    budget -= byteLength(body);
    // sendBeacon outlives the page; false when the browser refused it (over its quota).
    if (!batch.length || budget < 0 || !navigator.sendBeacon(url, body)) return;
    queue = queue.slice(batch.length);
  }
}

/** Back online, or just loaded: take over the stored events and send them at once. */
export function resumeDelivery() {
  holdUntil = failures = 0;
  for (const item of readStored()) if (!queue.some((it) => it[0] === item[0])) queue.push(item);
  if (queue.length) flushQueue();
}
