import { fileBasename, locationPath } from "./frame-name";

// Whether a frame is the application's own code. Only in-app frames make a grouping key:
// library and browser code is shared by every error that passes through it, and an extension's
// frames are not the site's at all (docs/issues.md → Grouping → In-app frames).

const extensionSchemes =
  /^(?:chrome-extension|moz-extension|safari-extension|safari-web-extension|ms-browser-extension|webkit-masked-url):/i;
// Runtime internals: Node's own modules ("node:internal/…", "internal/…" before Node 16).
const runtimeInternals = /^(?:node:|internal\/)/;
// Third-party script hosts: code loaded from them is a library, whatever its file is called.
const libraryHosts =
  /^[a-z]+:\/\/(?:cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|ajax\.googleapis\.com|code\.jquery\.com|esm\.sh|cdn\.skypack\.dev|browser\.sentry-cdn\.com|www\.googletagmanager\.com|www\.google-analytics\.com|connect\.facebook\.net)\//i;
// Bundlers' library chunks: webpack's vendors~main and chunk-vendors, Next.js's framework,
// main (its router), webpack runtime and polyfills, Vite's and Rollup's vendor chunks.
const libraryChunk =
  /^(?:vendors?|chunk-vendors|framework|polyfills|polyfills-legacy|webpack|webpack-runtime|runtime|runtime~main)(?:[-.~]|$)|^vendors?~/;
const nextRuntimeChunk = /\/_next\/static\/chunks\/(?:main|main-app)[-.]/;

export function isLibraryFile(file: string): boolean {
  if (extensionSchemes.test(file) || runtimeInternals.test(file) || libraryHosts.test(file)) {
    return true;
  }
  const path = locationPath(file).replaceAll("\\", "/");
  if (/\/(?:node_modules|bower_components|vendor)\//.test(path)) return true;
  if (nextRuntimeChunk.test(path)) return true;
  return libraryChunk.test(fileBasename(file) ?? "");
}
