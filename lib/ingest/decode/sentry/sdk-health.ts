import { repairString, truncateCodePoints } from "../../normalize/strings";
import { sentryTimeMs } from "./timestamp";
import { asObject, own, text } from "./values";

// Release health and client reports → counters (lib/db/schema/sdk-health.ts), summed inside
// the request so each key is written once. Sessions follow Sentry's model: an update with
// `init: true` starts a session; its final update (status exited, crashed, abnormal or
// errored) says how it ended, so each session is counted once however many updates it sends.
// `sessions` items carry pre-aggregated counts (server SDKs, one per request handled).

export interface SessionCount {
  day: string;
  release: string;
  environment: string;
  started: number;
  errored: number;
  crashed: number;
  abnormal: number;
}

export interface DropCount {
  day: string;
  reason: string;
  category: string;
  quantity: number;
}

export interface SdkHealth {
  sessions: SessionCount[];
  drops: DropCount[];
}

/** True when the report holds something to count. */
export function hasSdkHealth(health: SdkHealth | undefined): health is SdkHealth {
  return health !== undefined && (health.sessions.length > 0 || health.drops.length > 0);
}

// A hostile client may name a new release per item: the keys one request can add are bounded,
// and so is every count (a bigint column never overflows into a database error).
const maxKeysPerRequest = 64;
const maxCount = 1_000_000;
const dayMs = 86_400_000;

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value)
    ? Math.min(maxCount, Math.max(0, Math.trunc(value)))
    : 0;
}

function label(value: unknown, maxChars: number): string {
  const s = text(value);
  return s === undefined ? "" : truncateCodePoints(repairString(s), maxChars);
}

/** The UTC day of a client time, or of the receive time when it is absent or implausible. */
function dayOf(value: unknown, driftMs: number, receivedAt: Date): string {
  const ms = sentryTimeMs(value);
  const at =
    ms !== undefined && ms + driftMs >= 0 && ms + driftMs <= receivedAt.getTime() + dayMs
      ? ms + driftMs
      : receivedAt.getTime();
  return new Date(at).toISOString().slice(0, 10);
}

export class SdkHealthCounter {
  private readonly sessions = new Map<string, SessionCount>();
  private readonly drops = new Map<string, DropCount>();

  constructor(
    private readonly receivedAt: Date,
    private readonly driftMs: number,
  ) {}

  private session(day: string, attrs: unknown): SessionCount | undefined {
    const release = label(own(attrs, "release"), 256);
    const environment = label(own(attrs, "environment"), 256);
    const key = JSON.stringify([day, release, environment]);
    let entry = this.sessions.get(key);
    if (!entry && this.sessions.size < maxKeysPerRequest) {
      entry = { day, release, environment, started: 0, errored: 0, crashed: 0, abnormal: 0 };
      this.sessions.set(key, entry);
    }
    return entry;
  }

  /** A `session` item: one session update. */
  addSession(payload: unknown): void {
    const update = asObject(payload);
    if (!update) return;
    const entry = this.session(
      dayOf(own(update, "started"), this.driftMs, this.receivedAt),
      own(update, "attrs"),
    );
    if (!entry) return;
    const status = own(update, "status");
    if (own(update, "init") === true) entry.started++;
    if (status === "ok" || typeof status !== "string") return;
    if (status === "crashed") entry.crashed++;
    if (status === "abnormal") entry.abnormal++;
    if (status !== "exited" || count(own(update, "errors")) > 0) entry.errored++;
  }

  /** A `sessions` item: `{aggregates: [{started, exited, errored, abnormal, crashed}], attrs}`. */
  addAggregates(payload: unknown): void {
    const aggregates = own(payload, "aggregates");
    if (!Array.isArray(aggregates)) return;
    for (const bucket of aggregates.slice(0, maxKeysPerRequest)) {
      const entry = this.session(
        dayOf(own(bucket, "started"), this.driftMs, this.receivedAt),
        own(payload, "attrs"),
      );
      if (!entry) return;
      const [exited, errored, abnormal, crashed] = ["exited", "errored", "abnormal", "crashed"].map(
        (k) => count(own(bucket, k)),
      ) as [number, number, number, number];
      entry.started += exited + errored + abnormal + crashed;
      entry.errored += errored + abnormal + crashed;
      entry.abnormal += abnormal;
      entry.crashed += crashed;
    }
  }

  /** A `client_report` item: discarded_events, and the older per-outcome lists. */
  addClientReport(payload: unknown): void {
    const report = asObject(payload);
    if (!report) return;
    const day = dayOf(own(report, "timestamp"), this.driftMs, this.receivedAt);
    const lists: Array<[string, string | undefined]> = [
      ["discarded_events", undefined],
      ["rate_limited_events", "ratelimit_backoff"],
      ["filtered_events", "event_processor"],
      ["filtered_sampling_events", "sample_rate"],
    ];
    for (const [field, fallbackReason] of lists) {
      const list = own(report, field);
      if (!Array.isArray(list)) continue;
      for (const entry of list.slice(0, maxKeysPerRequest)) {
        const reason = label(own(entry, "reason"), 64) || fallbackReason || "unknown";
        const category = label(own(entry, "category"), 64) || "unknown";
        const key = JSON.stringify([day, reason, category]);
        let drop = this.drops.get(key);
        if (!drop && this.drops.size < maxKeysPerRequest) {
          drop = { day, reason, category, quantity: 0 };
          this.drops.set(key, drop);
        }
        if (drop) drop.quantity = Math.min(maxCount, drop.quantity + count(own(entry, "quantity")));
      }
    }
  }

  result(): SdkHealth {
    return { sessions: [...this.sessions.values()], drops: [...this.drops.values()] };
  }
}
