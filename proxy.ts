// Pages only — adds the CSP nonce and security headers, and sends visitors without a session
// cookie to /login. An optimistic check, never the boundary: every page, action and route
// handler verifies the session itself (threat AUTH-4, TC-14).
import { type NextRequest, NextResponse } from "next/server";
import { hasSessionCookie, isDashboardPath } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { contentSecurityPolicy, staticSecurityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Next's own trailing-slash redirect is off (next.config.ts: Sentry SDKs post to
  // /api/<number>/envelope/ and follow no redirect); pages keep theirs here.
  if (pathname.length > 1 && pathname.endsWith("/")) {
    // A plain URL: NextURL would write the slash back (it keeps the request's own form).
    const canonical = new URL(request.url);
    canonical.pathname = pathname.replace(/\/+$/, "") || "/";
    return NextResponse.redirect(canonical, 308);
  }
  if (isDashboardPath(pathname) && !hasSessionCookie(request.cookies.getAll().map((c) => c.name))) {
    const login = new URL("/login", request.url);
    login.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, env().NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(staticSecurityHeaders)) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  matcher: [
    {
      // Never API routes: a matched route has its body buffered and silently truncated
      // (ingest, stack notes), and API routes do their own auth. Never static files or the SDK.
      source: "/((?!api/|_next/static|_next/image|favicon.ico|logwell.js|robots.txt).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
