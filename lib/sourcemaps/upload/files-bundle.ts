import { strToU8, zipSync } from "fflate";
import { normalizeDebugId } from "../debug-id";
import { sourcemapLimits } from "../limits";
import { BundleError } from "./source-bundle";
import { trailingComment } from "./trailing-comment";

// Logwell's own uploads (the CLI, POST /api/v1/projects/{id}/sourcemaps) are turned into the
// SourceBundle sentry-cli would have made, so they take the same road: the same reader, the
// same caps, the same storage (store-bundle.ts).

export interface UploadFile {
  /** Path relative to the uploaded folder, "/"-separated ("static/js/app-1a2b.js"). */
  path: string;
  data: Uint8Array;
}

const scriptPattern = /\.(?:js|mjs|cjs)$/;
const mapPattern = /\.map$/;

/** The map's own debug id (`debug_id`, or `debugId` as some bundlers write it). */
function mapDebugId(data: Uint8Array): string | null {
  try {
    const map = JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>;
    return normalizeDebugId(map.debug_id ?? map.debugId);
  } catch {
    // Stored anyway: reading it when a stack needs it says "map_unreadable" there.
    return null;
  }
}

/** `~/` + path under the prefix: "~/static/js" + "app.js" → "~/static/js/app.js". */
function fileUrl(prefix: string, path: string): string {
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  return `${base}${path.replace(/^\/+/, "")}`;
}

export function bundleFromFiles(
  files: UploadFile[],
  options: { urlPrefix?: string; release?: string | null; dist?: string | null },
): Uint8Array {
  const prefix = options.urlPrefix?.trim() || "~/";
  const entries: Record<string, Uint8Array> = {};
  const manifest: Record<string, unknown> = {};
  for (const file of files) {
    const isScript = scriptPattern.test(file.path);
    if (!isScript && !mapPattern.test(file.path)) continue;
    if (file.data.byteLength > sourcemapLimits.fileBytes) {
      throw new BundleError(
        `${file.path} is ${file.data.byteLength} bytes; a file may have at most ${sourcemapLimits.fileBytes} bytes.`,
        { tooLarge: true },
      );
    }
    const tail = isScript ? trailingComment(file.data) : {};
    const debugId = isScript ? tail.debugId : mapDebugId(file.data);
    const headers: Record<string, string> = {};
    if (debugId) headers["debug-id"] = debugId;
    if (tail.sourceMappingUrl) headers.sourcemap = tail.sourceMappingUrl;
    const zipPath = `files/${Object.keys(entries).length}`;
    entries[zipPath] = file.data;
    manifest[zipPath] = {
      url: fileUrl(prefix, file.path),
      type: isScript ? "minified_source" : "source_map",
      headers,
    };
  }
  if (Object.keys(entries).length === 0) {
    throw new BundleError("No .js, .mjs, .cjs or .map files to upload.");
  }
  entries["manifest.json"] = strToU8(
    JSON.stringify({
      files: manifest,
      ...(options.release ? { release: options.release } : {}),
      ...(options.dist ? { dist: options.dist } : {}),
    }),
  );
  // A fixed time in the zip, so the same files make the same bundle (stored once).
  return zipSync(entries, { level: 6, mtime: "2000-01-01T00:00:00Z" });
}
