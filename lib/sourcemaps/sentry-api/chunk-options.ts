// GET /api/0/organizations/{org}/chunk-upload/: how sentry-cli must cut and send an upload.
// sentry-cli 3 refuses the answer if any of the six first fields is missing ("missing field").

import { sourcemapLimits } from "../limits";

function absoluteOn(base: string | undefined, path: string): string | undefined {
  if (!base) return undefined;
  try {
    const url = new URL(base);
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    // A deployment under a path (https://example.com/logwell) keeps it.
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}${path}`;
  } catch {
    return undefined;
  }
}

/**
 * `publicUrl`: the operator's LOGWELL_PUBLIC_URL. Without it the url is relative, on purpose:
 * sentry-cli joins it to SENTRY_URL, and an absolute URL built from the Host this process saw
 * would point clients behind a proxy at an internal address. Sentry's JS toolkit (what the
 * bundler plugins v11+ run) fetches the url as given ("Invalid URL" when relative), so an
 * operator who uses them sets the public URL, and the url is absolute on it.
 */
export function chunkUploadOptions(org: string, publicUrl?: string) {
  const path = `/api/0/organizations/${encodeURIComponent(org)}/chunk-upload/`;
  return {
    url: absoluteOn(publicUrl, path) ?? path,
    chunkSize: sourcemapLimits.chunkBytes,
    chunksPerRequest: sourcemapLimits.chunksPerRequest,
    maxRequestSize: sourcemapLimits.requestBytes,
    hashAlgorithm: "sha1",
    concurrency: sourcemapLimits.concurrency,
    compression: ["gzip"],
    accept: ["artifact_bundles", "artifact_bundles_v2"],
  };
}
