// The few browser globals the SDK's delivery needs, for node: fetch (recording every request
// and answering from a script), navigator (onLine, sendBeacon) and Web Storage.
import { vi } from "vitest";

export class MemoryStorage implements Storage {
  private readonly values = new Map<string, string>();
  get length() {
    return this.values.size;
  }
  clear() {
    this.values.clear();
  }
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  key(index: number) {
    return [...this.values.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
  setItem(key: string, value: string) {
    this.values.set(key, String(value));
  }
}

export interface SentRequest {
  url: string;
  /** Parsed JSON body: the array of events (of `{"events", "dropped"}` when drops are told). */
  events: Array<Record<string, unknown>>;
  /** The drops the SDK reported with this request, if any. */
  dropped?: Record<string, number>;
  keepalive: boolean;
}

/** What the fake server answers: a status (and Retry-After), or "network" for a failed fetch. */
export type Answer = { status: number; retryAfter?: string } | "network";

export function fakeBrowser() {
  const requests: SentRequest[] = [];
  const beacons: Array<{ url: string; events: Array<Record<string, unknown>>; bytes: number }> = [];
  const answers: Answer[] = [];
  const state = { beaconAccepts: true };
  const navigatorStub = {
    onLine: true,
    sendBeacon: (url: string, body: string) => {
      if (!state.beaconAccepts) return false;
      beacons.push({ url, events: JSON.parse(body), bytes: new Blob([body]).size });
      return true;
    },
  };
  const storage = new MemoryStorage();
  vi.stubGlobal("navigator", navigatorStub);
  vi.stubGlobal("localStorage", storage);
  vi.stubGlobal("sessionStorage", new MemoryStorage());
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    requests.push({
      url,
      ...(Array.isArray(body) ? { events: body } : body),
      keepalive: Boolean(init.keepalive),
    });
    const answer = answers.shift() ?? { status: 202 };
    if (answer === "network") throw new TypeError("Failed to fetch");
    const headers = new Headers(answer.retryAfter ? { "Retry-After": answer.retryAfter } : {});
    return new Response("{}", { status: answer.status, headers });
  });
  return {
    requests,
    beacons,
    storage,
    navigator: navigatorStub,
    state,
    /** Answers for the next requests, in order; afterwards every request gets 202. */
    answer: (...next: Answer[]) => answers.push(...next),
    sentIds: () => requests.flatMap((r) => r.events.map((e) => e.id as string)),
  };
}
