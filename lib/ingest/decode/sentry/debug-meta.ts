import { asObject, type Json, nonBlank, own } from "./values";

// `debug_meta.images` of a JavaScript event lists, per script, the debug id sentry-cli injected
// (`{type: "sourcemap", code_file, debug_id}`): how a frame finds its source map whatever its
// URL or release. A page can load hundreds of scripts; only those the exception's frames name
// are kept, at most maxImages, so the 16 KiB attribute room goes to what symbolication uses.

const maxImages = 32;
const maxImagesScanned = 1024;
const maxFramesScanned = 512;

function frameFiles(chain: Json[]): Set<string> {
  const files = new Set<string>();
  for (const value of chain) {
    const frames = own(own(value, "stacktrace"), "frames");
    if (!Array.isArray(frames)) continue;
    for (const frame of frames.slice(-maxFramesScanned)) {
      for (const key of ["abs_path", "filename"]) {
        const file = nonBlank(own(frame, key));
        if (file) files.add(file);
      }
    }
  }
  return files;
}

export function debugMetaOfFrames(event: Json, chain: Json[]): Json | undefined {
  const images = own(own(event, "debug_meta"), "images");
  if (!Array.isArray(images) || chain.length === 0) return undefined;
  const files = frameFiles(chain);
  const kept: Json[] = [];
  for (const image of images.slice(0, maxImagesScanned)) {
    const object = asObject(image);
    const codeFile = nonBlank(own(object, "code_file"));
    const debugId = nonBlank(own(object, "debug_id"));
    if (!codeFile || !debugId || !files.has(codeFile)) continue;
    kept.push({ code_file: codeFile, debug_id: debugId.slice(0, 64) });
    if (kept.length === maxImages) break;
  }
  return kept.length > 0 ? { images: kept } : undefined;
}
