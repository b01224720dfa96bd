// The proxy's optimistic redirect to /login (proxy.ts), never the check itself.

/** Pages that need a session; the proxy only redirects, every page checks again itself. */
export function isDashboardPath(pathname: string): boolean {
  return /^\/(projects|settings|status)(\/|$)/.test(pathname);
}

// Auth.js's session cookie: "__Secure-" over https, chunked ".0", ".1"… when large.
export function hasSessionCookie(cookieNames: string[]): boolean {
  return cookieNames.some((n) => /^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(n));
}
