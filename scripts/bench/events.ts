import { randomBytes } from "node:crypto";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";

/**
 * The benchmark's event: ~600 bytes of JSON, shaped like a real browser error (message, url,
 * short stack, a few attributes). The same object feeds the HTTP load and the COPY ceiling, so
 * both write rows of the same size.
 */
export interface BenchEvent {
  id: string;
  level: "error" | "info" | "warn";
  message: string;
  logger: string;
  url: string;
  stack: string;
  release: string;
  environment: string;
  session_id: string;
  attributes: Record<string, string | number | boolean>;
}

const levels = ["info", "warn", "error"] as const;
const filler = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(4);

/** A run-unique prefix, so ids of two runs on one database never collide. */
export function runPrefix(): string {
  return randomBytes(4).toString("hex");
}

export function benchEvent(id: string, seq: number): BenchEvent {
  return {
    id,
    level: levels[seq % 3] ?? "info",
    message: `TypeError: Cannot read properties of undefined (reading 'total') #${seq} ${filler.slice(0, 60)}`,
    logger: "window.onerror",
    url: `https://shop.example.com/checkout/cart?step=${seq % 7}`,
    stack:
      "TypeError: Cannot read properties of undefined\n" +
      "    at renderTotals (https://shop.example.com/assets/app-3f2a.js:1:48213)\n" +
      "    at commitRoot (https://shop.example.com/assets/vendor-9c1d.js:2:11872)",
    release: "web@2.14.3",
    environment: "production",
    session_id: `sess-${(seq % 997).toString(36)}`,
    attributes: { route: "/checkout/cart", cartItems: seq % 12, retried: false, build: 4821 },
  };
}

/** The benchmark's event as the ingest prepares it: what the store and the COPY writer take. */
export function benchNormalizedEvent(id: string, seq: number): NormalizedEvent {
  const e = benchEvent(id, seq);
  return {
    clientId: e.id,
    level: e.level,
    message: e.message,
    timestamp: null,
    logger: e.logger,
    url: e.url,
    stack: e.stack,
    release: e.release,
    environment: e.environment,
    sessionId: e.session_id,
    userId: null,
    traceId: null,
    attributes: e.attributes,
    clientUserAgent: null,
    truncatedFields: [],
    normalizedFields: [],
  };
}

/** Serialised size of one event, to check the "~600 bytes" claim in the report. */
export function benchEventBytes(): number {
  return Buffer.byteLength(JSON.stringify(benchEvent("00000000-0000-0000-0000-000000000000", 1)));
}
