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

/** On every response: pages (proxy.ts), everything else Next serves (next.config.ts), and the
 * API's own answers (lib/http/respond.ts), which `npm start`'s direct lane sends without Next. */
export const staticSecurityHeaders: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};

/**
 * Auth.js's own HTML (sign-out and verify-request pages) is outside the proxy, whose matcher
 * skips /api/ (a matched route has its body buffered). Those pages need no script: inline
 * styles and a same-origin form only, and never a frame.
 */
export const authPagesContentSecurityPolicy = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data: https:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

/** next.config.ts `headers()`: the static set everywhere, the CSP on Auth.js's pages. */
export function configSecurityHeaders(): HeaderRule[] {
  const all = Object.entries(staticSecurityHeaders).map(([key, value]) => ({ key, value }));
  return [
    { source: "/:path*", headers: all },
    {
      source: "/api/auth/:path*",
      headers: [{ key: "Content-Security-Policy", value: authPagesContentSecurityPolicy }],
    },
  ];
}
