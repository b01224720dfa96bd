/**
 * Where to go after signing in: only a path on this site. "//evil.example" and "/\evil" are
 * protocol-relative in browsers, so they fall back too (open-redirect guard).
 */
export function safeRedirectTarget(value: unknown, fallback = "/projects"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Control characters (CR/LF, tab) in a Location header are a header-injection risk.
  for (const ch of value) if (ch.charCodeAt(0) < 0x20) return fallback;
  return value;
}
