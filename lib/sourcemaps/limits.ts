// Every bound of the source-map upload and read paths, in one place (docs/sourcemaps.md →
// Limits). Each allocation on these paths is bounded by one of these constants, whatever a
// client declares.

const MiB = 1024 * 1024;

export const sourcemapLimits = {
  /** Bytes of one chunk (sentry-cli's chunkSize): fits a serverless request body (4.5 MB). */
  chunkBytes: 4 * MiB,
  /** Chunks per upload request, and bytes of one request body (multipart framing included). */
  chunksPerRequest: 16,
  requestBytes: 4 * MiB + 256 * 1024,
  /** Parallel upload requests sentry-cli may make. */
  concurrency: 4,
  /** Chunks of one assembled bundle: 64 × 4 MiB = 256 MiB of zip at most. */
  chunksPerBundle: 64,
  /** Bytes of all chunks waiting to be assembled, across the deployment. */
  pendingChunkBytes: 1024 * MiB,
  /** Chunks not assembled within this long are pruned. */
  pendingChunkMs: 24 * 60 * 60 * 1000,
  /** Decompressed bytes of one file (a map or a script). */
  fileBytes: 64 * MiB,
  /** Files of one bundle. */
  filesPerBundle: 4096,
  /** Decompressed bytes handled at once while a bundle is read (one batch of files). */
  batchBytes: 64 * MiB,
  /** Bytes of manifest.json. */
  manifestBytes: 4 * MiB,
  /** Decompressed bytes of all files a project keeps. */
  projectBytes: 1024 * MiB,
  /** Characters of a URL, a release, a dist, a debug id or a sourcemap reference. */
  textChars: 2048,
  /** Projects one assemble call may name. */
  projectsPerAssemble: 16,
} as const;
