// One frame → what grouping keeps of it: the file's basename without what a build or a deploy
// changes (bundler hashes, query strings, versions) and the function's own name without what
// differs between runtimes (Chrome's "Object.", "async ", "new ", " [as x]"; Firefox's "a/b<"
// and "async*"). Line and column numbers are never read. Anonymous, native and top-level
// frames have no name and never count (docs/issues.md → Grouping → Frames).

const unnamed = new Set([
  "",
  "?",
  "<anonymous>",
  "anonymous",
  "<unknown>",
  "global code",
  "module code",
  "eval code",
  "eval",
]);
const nativeFiles = new Set(["native", "[native code]", "<anonymous>", "<unknown>"]);

/** The function's own name, or null for an anonymous or top-level frame. */
export function functionName(raw: string | null): string | null {
  if (raw === null) return null;
  let name = raw.trim();
  // Firefox's async markers: "async*load", "promise callback*load".
  name = name.slice(name.lastIndexOf("*") + 1);
  if (name.endsWith("/<")) return null;
  name = name.replace(/ \[as [^\]]*\]$/, "").replace(/^(?:async |new )+/, "");
  name = name.replace(/<+$/, "");
  // Both "Cart.checkout" (V8's receiver) and "outer/inner" (Firefox's nesting) keep the last.
  const last = name.slice(Math.max(name.lastIndexOf("."), name.lastIndexOf("/")) + 1).trim();
  return unnamed.has(last) || unnamed.has(name) ? null : last;
}

/** The location without scheme, host, query or fragment: "https://x/a/b.js?v=1" → "/a/b.js". */
export function locationPath(file: string): string {
  const noQuery = file.split(/[?#]/, 1)[0] ?? "";
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(noQuery);
  return scheme ? noQuery.slice(scheme[0].length) : noQuery;
}

const hexHash = /^[0-9a-f]{5,}$/i;
const base64Hash = /^[A-Za-z0-9_-]{8,}$/;
// A word in camel case ("UserCard", "loadUserId") is a name, told from a random base64url
// string ("DqLmNoPz") by its longer runs of lower case.
const camelWord = /^[A-Z]?[a-z]+(?:[A-Z][a-z]+)*$/;

function isWord(segment: string): boolean {
  if (/^(?:[a-z]+|[A-Z]+)$/.test(segment)) return true;
  const upper = segment.replace(/[^A-Z]/g, "").length;
  return camelWord.test(segment) && segment.length - upper >= 2 * upper;
}

function isHash(segment: string): boolean {
  if (hexHash.test(segment)) return /\d/.test(segment);
  return base64Hash.test(segment) && !isWord(segment);
}

/** "page-3f2a9c.js", "main.8d01ee4a.chunk.js", "index-Bk-4x_9Z.js", "lib@1.2.3.js" → their names. */
export function fileBasename(file: string): string | null {
  if (nativeFiles.has(file)) return null;
  const path = locationPath(file);
  const base = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  if (base === "" || nativeFiles.has(base)) return null;
  const dot = base.lastIndexOf(".");
  const hasExtension = dot > 0 && /^[a-z][a-z0-9]{0,4}$/i.test(base.slice(dot + 1));
  let stem = hasExtension ? base.slice(0, dot) : base;
  const extension = hasExtension ? base.slice(dot) : "";
  // A package's version: "lib@1.2.3".
  stem = stem.replace(/@[^@]*$/, "");
  // Vite's 8-character base64url hash may itself hold a "-": take it whole first.
  const vite = /[-.]([A-Za-z0-9_-]{8})$/.exec(stem);
  if (vite?.[1] && isHash(vite[1]) && vite.index > 0) stem = stem.slice(0, vite.index);
  const parts = stem.split(/([-.~])/);
  let kept = parts[0] ?? "";
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const segment = parts[i + 1] ?? "";
    // Hashes go, and version numbers ("jquery-3.6.0.min.js" → "jquery.min.js").
    if (!isHash(segment) && !/^\d+$/.test(segment)) {
      kept += `${parts[i]}${segment}`;
    }
  }
  // A chunk named by its hash alone ("_next/static/chunks/2b3c4d5e.js") is known by its folder.
  if (!/[-.~]/.test(kept) && isHash(kept)) kept = "<chunk>";
  return `${kept}${extension}`;
}
