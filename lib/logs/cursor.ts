import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import type { LogFilters } from "./filters";

// Opaque paging cursors (threat QRY-3): version + position (received_at, id) + a digest of the
// scope and filters they were issued for, HMAC-signed with a server key. The signature is
// checked before anything is decoded, so a forged or edited cursor never reaches SQL, and a
// cursor from another project or another filter set is refused instead of silently reused.

/** Position in the `(received_at DESC, id DESC)` order; `receivedAt` keeps microseconds. */
export interface LogPosition {
  receivedAt: string;
  id: string;
}

export type CursorDirection = "older" | "newer";

const version = 1;
const keyStateName = "logs_cursor_key";
const positionPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

let cachedKey: Buffer | undefined;

/** From AUTH_SECRET when set; otherwise one random key kept in app_state for every instance. */
export async function cursorKey(db: Db): Promise<Buffer> {
  if (cachedKey) return cachedKey;
  const secret = env().AUTH_SECRET;
  if (secret) {
    cachedKey = Buffer.from(hkdfSync("sha256", secret, "logwell", "logs-cursor-v1", 32));
    return cachedKey;
  }
  const fresh = randomBytes(32).toString("base64");
  await queryRows(
    db,
    sql`INSERT INTO app_state (key, value) VALUES (${keyStateName}, ${JSON.stringify(fresh)}::jsonb)
        ON CONFLICT (key) DO NOTHING`,
  );
  const [row] = await queryRows<{ value: unknown }>(
    db,
    sql`SELECT value FROM app_state WHERE key = ${keyStateName}`,
  );
  if (typeof row?.value !== "string") throw new Error("cursor key missing from app_state");
  cachedKey = Buffer.from(row.value, "base64");
  return cachedKey;
}

/** Digest of what a cursor is valid for: the visible projects, the filters, the direction. */
export function scopeDigest(
  projectIds: readonly string[],
  filters: LogFilters,
  direction: CursorDirection,
): string {
  const canonicalFilters = Object.entries(filters)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const canonical = JSON.stringify([version, direction, [...projectIds].sort(), canonicalFilters]);
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 22);
}

function sign(key: Buffer, payload: string): Buffer {
  return createHmac("sha256", key).update(payload).digest();
}

export function encodeCursor(key: Buffer, position: LogPosition, digest: string): string {
  return signCursor(key, { v: version, t: position.receivedAt, i: position.id, h: digest });
}

/** `payload.signature`, both base64url: the shape of every signed cursor (logs, issues). */
export function signCursor(key: Buffer, fields: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify(fields)).toString("base64url");
  return `${payload}.${sign(key, payload).toString("base64url")}`;
}

export function invalidCursor(): ApiError {
  return new ApiError(
    "invalid_cursor",
    "The cursor is invalid, or was issued for other filters. Start again without `cursor`.",
  );
}

/** Checks the signature, then decodes the fields; any mismatch is 400 `invalid_cursor`. */
export function verifyCursor(key: Buffer, cursor: string): Record<string, unknown> {
  if (cursor.length > 512) throw invalidCursor();
  const [payload, signature, extra] = cursor.split(".");
  if (!payload || !signature || extra !== undefined) throw invalidCursor();
  const expected = sign(key, payload);
  const given = Buffer.from(signature, "base64url");
  // timingSafeEqual throws on unequal lengths (threat V-10): check the length first.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw invalidCursor();
  return parsed as Record<string, unknown>;
}

/** Verifies and decodes; any mismatch is the same 400 `invalid_cursor`. */
export function decodeCursor(key: Buffer, cursor: string, digest: string): LogPosition {
  const { v, t, i, h } = verifyCursor(key, cursor);
  if (v !== version || h !== digest) throw invalidCursor();
  if (typeof t !== "string" || !positionPattern.test(t)) throw invalidCursor();
  if (typeof i !== "string" || !/^\d{1,19}$/.test(i)) throw invalidCursor();
  return { receivedAt: t, id: i };
}
