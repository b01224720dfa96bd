import type { JsonObject, JsonValue } from "./json-tree";

// Server-side scrubbing modelled on Sentry's defaults (threat PRIV-1, TC-31): SDKs capture URLs
// with tokens in the query and attribute bags with headers and cookies. Values are replaced,
// keys are kept so a reader sees that something was there.

export const redacted = "[redacted]";

// Names that are secrets wherever they appear inside a longer name ("x_access_token").
const sensitiveFragments = [
  "password",
  "passwd",
  "secret",
  "token",
  "apikey",
  "privatekey",
  "cookie",
  "credential",
  "authorization",
  "signature",
  "sessionid",
  "jwt",
];
// Short words that are secrets only as a whole word ("auth", "api-key", not "author", "monkey").
const sensitiveWords = new Set(["pwd", "pass", "auth", "key", "session", "sig", "sid", "otp"]);

/** Whether a query parameter or attribute name names a secret. */
export function isSensitiveName(name: string): boolean {
  if (name.length > 256) return false;
  const compact = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (sensitiveFragments.some((fragment) => compact.includes(fragment))) return true;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((word) => sensitiveWords.has(word));
}

/** Redacts the values of sensitive query and fragment parameters, keeping the rest verbatim. */
export function scrubUrl(url: string): string {
  const start = url.search(/[?#]/);
  if (start < 0) return url;
  // Parameters are separated by & (or ;) in the query and in OAuth-style fragments (#access_token=).
  return (
    url.slice(0, start) +
    url.slice(start).replace(/([?#&;])([^=&;#]*)=([^&;#]*)/g, (whole, sep, name, value) => {
      if (value === redacted || value === "" || !isSensitiveName(safeDecode(name))) return whole;
      return `${sep}${name}=${redacted}`;
    })
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return text;
  }
}

/**
 * Redacts values under sensitive keys at any depth (iteratively; the tree is already capped).
 * Mutates the sanitised copy in place and reports whether anything changed.
 */
export function scrubAttributes(attributes: JsonObject): boolean {
  let changed = false;
  const pending: JsonValue[] = [attributes];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === "object" && item !== null) pending.push(item);
      continue;
    }
    if (typeof node !== "object" || node === null) continue;
    for (const [key, value] of Object.entries(node)) {
      if (isSensitiveName(key) && value !== null && value !== redacted) {
        node[key] = redacted;
        changed = true;
      } else if (typeof value === "object" && value !== null) {
        pending.push(value);
      }
    }
  }
  return changed;
}
