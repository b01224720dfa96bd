import { createHash, randomInt } from "node:crypto";

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export const ingestKeyPrefix = "lw_pub_";
export const adminTokenPrefix = "lw_sec_";

/** 24 base62 characters ≈ 143 bits: docs/api.md promises at least 22 (threat AUTH-1). */
export function generateSecret(prefix: typeof ingestKeyPrefix | typeof adminTokenPrefix): string {
  let body = "";
  for (let i = 0; i < 24; i++) body += base62[randomInt(62)];
  return prefix + body;
}

/** Keys are stored and looked up by this digest only. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** What lists show: the type prefix and four characters, never enough to use the key. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, 11);
}

export function looksLikeIngestKey(value: string): boolean {
  return /^lw_pub_[0-9A-Za-z]{22,64}$/.test(value);
}

export function looksLikeAdminToken(value: string): boolean {
  return /^lw_sec_[0-9A-Za-z]{22,64}$/.test(value);
}
