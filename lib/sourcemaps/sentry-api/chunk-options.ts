import { sourcemapLimits } from "../limits";

// GET /api/0/organizations/{org}/chunk-upload/: how sentry-cli must cut and send an upload.
// sentry-cli 3 refuses the answer if any of the six first fields is missing ("missing field").

export function chunkUploadOptions(org: string) {
  return {
    // Relative on purpose: sentry-cli joins it to SENTRY_URL. An absolute URL built from the
    // Host this process saw would point clients behind a proxy at an internal address.
    url: `/api/0/organizations/${encodeURIComponent(org)}/chunk-upload/`,
    chunkSize: sourcemapLimits.chunkBytes,
    chunksPerRequest: sourcemapLimits.chunksPerRequest,
    maxRequestSize: sourcemapLimits.requestBytes,
    hashAlgorithm: "sha1",
    concurrency: sourcemapLimits.concurrency,
    compression: ["gzip"],
    accept: ["artifact_bundles", "artifact_bundles_v2"],
  };
}
