/**
 * Cookie-authenticated mutations must come from our own pages (threat AUTH-5). Browsers send
 * `Origin` on every cross-origin and every non-GET fetch; when it is absent the caller is not a
 * browser page (curl with a copied cookie), unless Sec-Fetch-Site says otherwise.
 */
export function isSameOriginRequest(request: Request): boolean {
  const headers = request.headers;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  const origin = headers.get("origin");
  if (origin) {
    if (!host || origin === "null") return false;
    try {
      return new URL(origin).host.toLowerCase() === host.toLowerCase();
    } catch {
      return false;
    }
  }
  const site = headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}
