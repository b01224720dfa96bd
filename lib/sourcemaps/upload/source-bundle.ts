import { deflateRawSync } from "node:zlib";
import { type UnzipFileInfo, unzipSync } from "fflate";
import type { SourcemapFileKind } from "@/lib/db/schema";
import { normalizeDebugId } from "../debug-id";
import { sourcemapLimits } from "../limits";
import { trailingComment } from "./trailing-comment";

// A SourceBundle as sentry-cli builds it (getsentry/symbolic, sourcebundle): "SYSB", a u32
// version, then a zip holding manifest.json and the files. The manifest maps each zip path to
// {url, type, headers: {debug-id, sourcemap}} and names the bundle's release and dist.
//
// fflate (0.8.3) reads the zip: no dependencies, synchronous, and its filter sees each entry's
// declared sizes before anything is inflated, so an entry over the cap is refused unread and an
// inflated one never outgrows its declared size (it is inflated into a buffer of that size).

/** An upload refused for its content; `tooLarge` when a cap refused it (413 in Logwell's API). */
export class BundleError extends Error {
  constructor(
    message: string,
    readonly details: { cause?: unknown; tooLarge?: boolean } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = "BundleError";
  }

  get tooLarge(): boolean {
    return this.details.tooLarge === true;
  }
}

export interface BundleFile {
  kind: SourcemapFileKind;
  url: string | null;
  debugId: string | null;
  sourcemapRef: string | null;
  size: number;
  /** Raw deflate of the file. */
  content: Uint8Array;
}

export interface BundleHead {
  release: string | null;
  dist: string | null;
  /** The files' declared decompressed bytes, for the caps before anything is inflated. */
  declaredBytes: number;
  entries: ManifestEntry[];
}

interface ManifestEntry {
  path: string;
  kind: SourcemapFileKind;
  url: string | null;
  debugId: string | null;
  sourcemapRef: string | null;
  declaredSize: number;
}

const magic = "SYSB";
const kinds: Record<string, SourcemapFileKind> = {
  minified_source: "minified_source",
  source_map: "source_map",
  source: "source",
};

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * The zip of a SourceBundle: the whole bundle, header included, since the zip's offsets count
 * from the bundle's first byte (zip readers find the directory from the end). A bare zip is
 * taken as is.
 */
export function bundleZip(data: Uint8Array): Uint8Array {
  const head = new TextDecoder().decode(data.subarray(0, 4));
  if (head !== magic && head !== "PK\x03\x04") {
    throw new BundleError("The upload is neither a source bundle (SYSB) nor a zip.");
  }
  return data;
}

function unzip(zip: Uint8Array, filter: (file: UnzipFileInfo) => boolean) {
  try {
    return unzipSync(zip, { filter });
  } catch (cause) {
    throw new BundleError("The upload is not a readable source bundle (zip).", { cause });
  }
}

function text(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  return value.slice(0, sourcemapLimits.textChars);
}

/** A header by name, whatever its case ("debug-id", "Sourcemap", "X-SourceMap"). */
function header(headers: unknown, ...names: string[]): string | null {
  if (!headers || typeof headers !== "object") return null;
  for (const [key, value] of Object.entries(headers)) {
    if (names.includes(key.toLowerCase())) return text(value);
  }
  return null;
}

/** Reads the manifest and every entry's declared size; inflates nothing else. */
export function readBundleHead(zip: Uint8Array): BundleHead {
  const sizes = new Map<string, number>();
  let entryCount = 0;
  const files = unzip(zip, (file) => {
    entryCount++;
    sizes.set(file.name, Math.max(file.originalSize, file.size));
    return (
      entryCount <= sourcemapLimits.filesPerBundle + 1 &&
      file.name === "manifest.json" &&
      file.originalSize <= sourcemapLimits.manifestBytes &&
      file.size <= sourcemapLimits.manifestBytes
    );
  });
  if (entryCount > sourcemapLimits.filesPerBundle + 1) {
    throw new BundleError(
      `A bundle holds at most ${sourcemapLimits.filesPerBundle} files; this one ${entryCount - 1}.`,
      { tooLarge: true },
    );
  }
  const raw = files["manifest.json"];
  if (!raw) throw new BundleError("The bundle has no manifest.json (or one over 4 MiB).");
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(new TextDecoder().decode(raw));
  } catch (cause) {
    throw new BundleError("The bundle's manifest.json is not JSON.", { cause });
  }
  const listed = manifest.files && typeof manifest.files === "object" ? manifest.files : {};
  const entries: ManifestEntry[] = [];
  let declaredBytes = 0;
  for (const [path, info] of Object.entries(listed as Record<string, unknown>)) {
    const entry = info && typeof info === "object" ? (info as Record<string, unknown>) : {};
    const kind = kinds[String(entry.type)] ?? "other";
    const declaredSize = sizes.get(path);
    // Files other than scripts and maps (a README, an indexed RAM bundle) are not kept.
    if (kind === "other" || declaredSize === undefined) continue;
    const url = text(entry.url);
    if (declaredSize > sourcemapLimits.fileBytes) {
      throw new BundleError(
        `${url ?? path} is ${declaredSize} bytes (${mib(declaredSize)}) decompressed; ` +
          `a file may have at most ${sourcemapLimits.fileBytes} bytes (${mib(sourcemapLimits.fileBytes)}).`,
        { tooLarge: true },
      );
    }
    declaredBytes += declaredSize;
    entries.push({
      path,
      kind,
      url,
      debugId: normalizeDebugId(header(entry.headers, "debug-id", "debug_id")),
      sourcemapRef: header(entry.headers, "sourcemap", "x-sourcemap"),
      declaredSize,
    });
  }
  return {
    release: text(manifest.release),
    dist: text(manifest.dist),
    declaredBytes,
    entries,
  };
}

/**
 * The files, in batches of at most batchBytes inflated at once, each handed to `keep` as raw
 * deflate (what is stored) and then dropped.
 */
export async function forEachBundleFile(
  zip: Uint8Array,
  head: BundleHead,
  keep: (file: BundleFile) => Promise<void>,
): Promise<void> {
  let batch: ManifestEntry[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const wanted = new Map(batch.map((e) => [e.path, e]));
    const files = unzip(zip, (file) => wanted.has(file.name));
    for (const [path, data] of Object.entries(files)) {
      const entry = wanted.get(path);
      if (!entry) continue;
      const tail = entry.kind === "minified_source" ? trailingComment(data) : {};
      await keep({
        kind: entry.kind,
        url: entry.url,
        debugId: entry.debugId ?? tail.debugId ?? null,
        sourcemapRef: entry.sourcemapRef ?? tail.sourceMappingUrl ?? null,
        size: data.byteLength,
        content: deflateRawSync(data),
      });
    }
    batch = [];
    batchBytes = 0;
  };
  for (const entry of head.entries) {
    if (batchBytes + entry.declaredSize > sourcemapLimits.batchBytes) await flush();
    batch.push(entry);
    batchBytes += entry.declaredSize;
  }
  await flush();
}
