import { decodedMappings, FlattenMap } from "@jridgewell/trace-mapping";
import { build } from "esbuild";

// A generated app of N functions, bundled and minified by esbuild with an external map
// (sourcesContent included): the source-map benchmarks' stand-in for a production bundle
// (bench:sourcemaps with a large map, bench:ingest --sourcemaps with a typical one).

export interface GeneratedApp {
  script: Uint8Array;
  map: Uint8Array;
  /** The map's segments of the bundle's first line (column 0-based first). */
  firstLine: number[][];
  segments: number;
}

function generatedSource(n: number): string {
  const parts: string[] = ["export const registry: Array<(a: number, b: number) => number> = [];"];
  for (let i = 0; i < n; i++) {
    parts.push(
      `function computeTotal${i}(amount: number, factor: number): number {`,
      `  const subtotal${i} = amount * ${i % 97} + factor;`,
      `  if (subtotal${i} > ${i * 3}) throw new RangeError("limit ${i} exceeded: " + subtotal${i});`,
      `  return subtotal${i} - factor * ${i % 13};`,
      "}",
      `registry.push(computeTotal${i});`,
    );
  }
  return parts.join("\n");
}

export async function buildGeneratedApp(functions: number): Promise<GeneratedApp> {
  const built = await build({
    stdin: { contents: generatedSource(functions), loader: "ts", sourcefile: "generated.ts" },
    bundle: true,
    minify: true,
    sourcemap: "external",
    sourcesContent: true,
    format: "iife",
    write: false,
    outfile: "app.js",
    logLevel: "silent",
  });
  const script = built.outputFiles.find((f) => f.path.endsWith(".js"));
  const map = built.outputFiles.find((f) => f.path.endsWith(".map"));
  if (!script || !map) throw new Error("esbuild wrote no script or map");
  const lines = decodedMappings(new FlattenMap(map.text));
  return {
    script: script.contents,
    map: map.contents,
    firstLine: (lines[0] ?? []).map((s) => [...s]),
    segments: lines.reduce((sum, line) => sum + line.length, 0),
  };
}

/** `count` frame lines at segments spread over the bundle's first line, as V8 writes them. */
export function framesIn(app: GeneratedApp, url: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const segment = app.firstLine[Math.floor(((i + 0.5) / count) * app.firstLine.length)];
    return `    at f${i} (${url}:1:${(segment?.[0] ?? 0) + 1})`;
  });
}
