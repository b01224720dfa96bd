/**
 * Security headers for dashboard HTML (Next's nonce-based CSP guide): scripts only from our own
 * origin with this request's nonce, no framing, no sniffing. Styles allow inline attributes:
 * React `style` props are not script and a nonce cannot cover them.
 */
export function contentSecurityPolicy(nonce: string, isDev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const staticSecurityHeaders: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};

/** Pages that need a session; the proxy only redirects, every page checks again itself. */
export function isDashboardPath(pathname: string): boolean {
  return /^\/(projects|settings|status)(\/|$)/.test(pathname);
}

// Auth.js's session cookie: "__Secure-" over https, chunked ".0", ".1"… when large.
export function hasSessionCookie(cookieNames: string[]): boolean {
  return cookieNames.some((n) => /^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(n));
}
