import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";

// sentry-cli's upload as plain HTTP calls (the four calls of issue 20 §1), for bundles the CLI
// would not build: oversized, corrupt, hand-made.

const sha1 = (bytes: Uint8Array) => createHash("sha1").update(bytes).digest("hex");

export type BundleFiles = Record<
  string,
  { url: string; type: string; headers?: Record<string, string>; data: Uint8Array | string }
>;

/** `~/static/js/bad.js` and its map, which is not JSON. */
export const corruptMapFiles: BundleFiles = {
  "files/_/_/bad.js": {
    url: "~/static/js/bad.js",
    type: "minified_source",
    headers: { sourcemap: "bad.js.map" },
    data: "x()",
  },
  "files/_/_/bad.js.map": { url: "~/static/js/bad.js.map", type: "source_map", data: "{not json" },
};

/** A SourceBundle: "SYSB", version 2, then a zip of manifest.json and `files`. */
export function sourceBundle(
  files: BundleFiles,
  manifestExtra: Record<string, unknown> = {},
): Uint8Array {
  const manifest = {
    files: Object.fromEntries(
      Object.entries(files).map(([path, f]) => [
        path,
        { url: f.url, type: f.type, ...(f.headers ? { headers: f.headers } : {}) },
      ]),
    ),
    ...manifestExtra,
  };
  const entries: Record<string, Uint8Array> = {
    "manifest.json": strToU8(JSON.stringify(manifest)),
  };
  for (const [path, f] of Object.entries(files)) {
    entries[path] = typeof f.data === "string" ? strToU8(f.data) : f.data;
  }
  const zip = zipSync(entries, { level: 6 });
  const header = new Uint8Array(8);
  header.set(strToU8("SYSB"));
  new DataView(header.buffer).setUint32(4, 2, true);
  // The zip's offsets count from the bundle's first byte, as sentry-cli writes them.
  return withPrefix(header, zip);
}

/** Prepends `prefix` to a zip, shifting its offsets so they count from the new first byte. */
function withPrefix(prefix: Uint8Array, zip: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + zip.length);
  out.set(prefix);
  out.set(zip, prefix.length);
  const view = new DataView(out.buffer);
  const end = out.length - 22; // no zip comment
  if (view.getUint32(end, true) !== 0x06054b50) throw new Error("unexpected zip end record");
  const count = view.getUint16(end + 10, true);
  const dirOffset = view.getUint32(end + 16, true) + prefix.length;
  view.setUint32(end + 16, dirOffset, true);
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    view.setUint32(at + 42, view.getUint32(at + 42, true) + prefix.length, true);
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true);
  }
  return out;
}

export interface AssembleAnswer {
  state: string;
  missingChunks: string[];
  detail: string | null;
}

/** Uploads `bundle` as sentry-cli does and returns the last assemble answer. */
export async function uploadBundle(
  base: string,
  token: string,
  project: string,
  bundle: Uint8Array,
  options: { release?: string } = {},
): Promise<AssembleAnswer> {
  const auth = { authorization: `Bearer ${token}` };
  const optionsRes = await fetch(`${base}/api/0/organizations/logwell/chunk-upload/`, {
    headers: auth,
  });
  const { url, chunkSize } = (await optionsRes.json()) as { url: string; chunkSize: number };
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bundle.length; i += chunkSize) chunks.push(bundle.subarray(i, i + chunkSize));
  const body = JSON.stringify({
    checksum: sha1(bundle),
    chunks: chunks.map(sha1),
    projects: [project],
    ...(options.release ? { version: options.release } : {}),
  });
  const assemble = async () => {
    const res = await fetch(`${base}/api/0/organizations/logwell/artifactbundle/assemble/`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body,
    });
    return (await res.json()) as AssembleAnswer;
  };
  const first = await assemble();
  if (first.state !== "not_found") return first;
  for (const chunk of chunks) {
    const form = new FormData();
    form.append("file_gzip", new Blob([gzipSync(chunk)]), sha1(chunk));
    const res = await fetch(new URL(url, base), { method: "POST", headers: auth, body: form });
    if (res.status !== 200) throw new Error(`chunk upload: ${res.status} ${await res.text()}`);
  }
  return assemble();
}
