// The route handlers in app/'s file tree, read from the source: what the authorization
// matrices must cover and what the route-shape test checks. Every way a file can export a
// handler counts (function, const, destructured const, re-export, renamed), so a new handler
// cannot slip past a matrix by its spelling.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const isMethod = (name: string) => (httpMethods as readonly string[]).includes(name);

/** The HTTP methods a route file's source exports, in the order they appear. */
export function exportedHandlers(source: string): string[] {
  const found: string[] = [];
  const declared = /export\s+(?:async\s+)?(?:function\s*\*?|const|let|var)\s+([A-Z]+)\b/g;
  for (const m of source.matchAll(declared)) found.push(m[1] ?? "");
  // `export const { GET, POST } = …` (a rename `a: POST` binds POST).
  for (const m of source.matchAll(/export\s+(?:const|let|var)\s*\{([^}]*)\}/g)) {
    for (const part of (m[1] ?? "").split(",")) found.push(part.split(":").at(-1)?.trim() ?? "");
  }
  // `export { GET } from "./get"`, `export { postLogs as POST, … }`.
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of (m[1] ?? "").split(","))
      found.push(
        part
          .split(/\s+as\s+/)
          .at(-1)
          ?.trim() ?? "",
      );
  }
  return found.filter(isMethod);
}

/** The route.ts files under `dir` (relative to the repository), with their URL paths. */
export function routeFiles(dir: string): { file: string; route: string }[] {
  const found: { file: string; route: string }[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        // Route groups, "(dashboard)", are not part of the URL.
        const route = path
          .dirname(full)
          .replace(/^app/, "")
          .replace(/\/\([^)]*\)/g, "");
        found.push({ file: full, route: route || "/" });
      }
    }
  };
  walk(dir);
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

/** "METHOD /route" for every handler the route files under `dir` export, sorted. */
export function routeHandlersInTree(dir: string): string[] {
  return routeFiles(dir)
    .flatMap(({ file, route }) =>
      exportedHandlers(readFileSync(file, "utf8")).map((method) => `${method} ${route}`),
    )
    .sort();
}
