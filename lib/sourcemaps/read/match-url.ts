// How a frame's file URL names an uploaded file (issue 20 §1, as Sentry matches): the full URL
// first, then `~/path` (any scheme and host), each also without its query string or fragment.

/** The names an uploaded file may have for a frame's file, best first. */
export function urlCandidates(file: string): string[] {
  const out: string[] = [file];
  let url: URL;
  try {
    url = new URL(file);
  } catch {
    // A bare path ("/static/app.js", "app.js") as some stacks print it.
    if (file.startsWith("/")) out.push(`~${file}`);
    return out;
  }
  const bare = `${url.origin}${url.pathname}`;
  if (url.protocol !== "http:" && url.protocol !== "https:" && url.protocol !== "file:") return out;
  if (bare !== file) out.push(bare);
  out.push(`~${url.pathname}${url.search}`);
  if (url.search) out.push(`~${url.pathname}`);
  return [...new Set(out)];
}

const tildeBase = "https://tilde.invalid";

/** A script's `sourcemap` reference resolved against the script's own uploaded URL. */
export function resolveMapRef(scriptUrl: string, ref: string): string | null {
  try {
    if (scriptUrl.startsWith("~/")) {
      const resolved = new URL(ref, `${tildeBase}${scriptUrl.slice(1)}`);
      return resolved.origin === tildeBase ? `~${resolved.pathname}` : resolved.href;
    }
    return new URL(ref, scriptUrl).href;
  } catch {
    return null;
  }
}
