// A logged URL becomes a link only when it parses and is http(s): React 19 blocks
// `javascript:` but passes `data:` and `vbscript:` (threats XSS-2, V-14).
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
