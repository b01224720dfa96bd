import type { JsonValue } from "./json-tree";

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
  let known = nameVerdicts.get(name);
  if (known === undefined) {
    known = judgeName(name);
    // Attribute keys repeat across events ("route", "browser"): remember a bounded set.
    if (nameVerdicts.size >= 4096) nameVerdicts.clear();
    nameVerdicts.set(name, known);
  }
  return known;
}

const nameVerdicts = new Map<string, boolean>();

function judgeName(name: string): boolean {
  const compact = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (sensitiveFragments.some((fragment) => compact.includes(fragment))) return true;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((word) => sensitiveWords.has(word));
}

// `name=value` after ?, &, ; or # (query strings, OAuth fragments, matrix parameters), with the
// value stopping at whitespace and quotes so free text after a URL is left alone.
const parameter = /([?#&;])([^=&;#\s]{1,256})=([^&;#\s"'<>]*)/g;
// A bearer token anywhere ("Bearer eyJ…"); any scheme after an Authorization header name
// ("Authorization: Basic dXNl…"). "Basic" or "Token" alone are ordinary English words.
const bearer = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi;
const authorizationHeader =
  /\b((?:proxy-)?authorization["']?\s{0,4}[:=]\s{0,4}["']?(?:[A-Za-z]{1,20}\s+)?)[A-Za-z0-9\-._~+/]{8,}=*/gi;
// Admin tokens must never sit in a log (ingest keys are public; those stay).
const adminToken = /\blw_sec_[0-9A-Za-z]{22,64}\b/g;
// Card-shaped numbers (issuer digit 2–6): 13–19 digits in a row, 4-4-4-4 groups, or Amex's
// 4-6-5; redacted only when Luhn-valid. Epoch milliseconds (leading 1) and UUIDs never match.
const cardNumber =
  /\b(?:[2-6]\d{12,18}|[2-6]\d{3}(?:[ -]\d{4}){3}|3[47]\d{2}[ -]\d{6}[ -]\d{5})\b/g;

function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Redacts secrets inside free text (url, message, stack, attribute strings): values of
 * sensitive parameters, bearer/basic credentials, admin tokens and card numbers. Callers cap
 * the text first; every pattern here is linear (threat SIZE-5).
 */
export function scrubText(text: string): string {
  // An OTLP event's url and stack are also its attributes url.full and exception.stacktrace,
  // and a batch repeats short strings (routes, sessions): the last few answers are kept. Only
  // short texts, so a miss's comparisons stay small next to the scrubbing it saves.
  if (text.length > recentMaxLength) return scrubUncached(text);
  for (let i = 0; i < recent.length; i += 2) if (recent[i] === text) return recent[i + 1] as string;
  const out = scrubUncached(text);
  recent[recentAt] = text;
  recent[recentAt + 1] = out;
  recentAt = (recentAt + 2) % (2 * recentSize);
  return out;
}

const recentSize = 8;
const recentMaxLength = 4096;
/** Input, answer, input, answer, …: a ring of the last recentSize short texts scrubbed. */
const recent: string[] = [];
let recentAt = 0;

function scrubUncached(text: string): string {
  let out = text;
  if (out.includes("=")) {
    out = out.replace(parameter, (whole, sep, name, value) =>
      value === redacted || value === "" || !isSensitiveName(safeDecode(name))
        ? whole
        : `${sep}${name}=${redacted}`,
    );
  }
  // Each pattern only runs when a cheap literal test says it could match (most text has none).
  if (/authorization/i.test(out)) {
    out = out.replace(authorizationHeader, (_whole, prefix) => `${prefix}${redacted}`);
  }
  if (/bearer/i.test(out)) out = out.replace(bearer, (_whole, prefix) => `${prefix}${redacted}`);
  if (out.includes("lw_sec_")) out = out.replace(adminToken, redacted);
  // Every card shape holds 8 digits with at most one space or dash among them: most digits in
  // logs (line:column numbers, short ids) never start the full pattern.
  if (/\d{4}[ -]?\d{4}/.test(out)) {
    out = out.replace(cardNumber, (digits) =>
      isLuhnValid(digits.replace(/[ -]/g, "")) ? redacted : digits,
    );
  }
  return out;
}

/** Redacts the values of sensitive query and fragment parameters in a URL. */
export const scrubUrl = scrubText;

function safeDecode(text: string): string {
  // Most names have nothing to decode, and decodeURIComponent costs time even then.
  if (!text.includes("%") && !text.includes("+")) return text;
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return text;
  }
}

/**
 * What to store for one attribute member while attributes are copied (json-tree.ts MemberHook):
 * the value of a sensitive key becomes "[redacted]" (containers too; null stays null), and a
 * string anywhere (key null: an array element) has the secrets inside it redacted.
 */
export function scrubMember(key: string | null, value: JsonValue): JsonValue {
  if (key !== null && value !== null && value !== redacted && isSensitiveName(key)) {
    return redacted;
  }
  return typeof value === "string" ? scrubText(value) : value;
}
