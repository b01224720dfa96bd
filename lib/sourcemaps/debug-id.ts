// Debug ids tie a minified script to its map without a release or a URL: sentry-cli injects
// `//# debugId=<uuid>` into the script and `debug_id` into the map, and the Sentry SDKs report
// them per script in `debug_meta.images`. Kept lowercase with dashes, the form all three use.

const uuidPattern = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function normalizeDebugId(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  // Native debug ids may carry an age suffix ("…-1"); JavaScript ones never do.
  const id = trimmed.length > 36 ? trimmed.slice(0, 36) : trimmed;
  if (!uuidPattern.test(id)) return null;
  const hex = id.replaceAll("-", "").toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
