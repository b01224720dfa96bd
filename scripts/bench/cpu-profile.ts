import { existsSync, readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where the server's CPU went: self time of a `--cpu-prof` profile, mapped through the build's
 * source maps back to our files (lib/ingest/normalize/normalize.ts…) and to packages (next, react-dom,
 * pg, drizzle-orm…). Turbopack minifies server chunks, so names alone would say little.
 */
interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | null>();

function sourceMapFor(file: string): SourceMap | null {
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(
      file,
      existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : null,
    );
  }
  return maps.get(file) ?? null;
}

/** "lib/ingest/store/store.ts", "pkg:next", "node:internal", "(garbage collector)"… */
export function attribute(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node:internal";
  const file = url.startsWith("file://") ? fileURLToPath(url) : url;
  let source = file;
  if (!file.includes("/node_modules/")) {
    const entry = sourceMapFor(file)?.findEntry(frame.lineNumber, frame.columnNumber);
    // Turbopack writes sources relative to the chunk's folder.
    if (entry && "originalSource" in entry && entry.originalSource) {
      const original = entry.originalSource.replace(/^file:\/\//, "");
      source = path.resolve(path.dirname(file), original);
    }
  }
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (inModules) return `pkg:${inModules[1]}`;
  const relative = path.relative(process.cwd(), source);
  return relative.startsWith("..") ? source : relative;
}

interface Row {
  where: string;
  ms: number;
  share: number;
}

export interface ProfileBreakdown {
  busyMs: number;
  idleMs: number;
  /** Self time per file or package. */
  rows: Row[];
  /** Self time per function (name + file or package). */
  functions: Row[];
  /**
   * Time with one of our files (lib/, app/, scripts/) on the stack, callees included: e.g. the
   * Node web-streams work lib/ingest/request/body.ts starts counts under body.ts too.
   */
  inclusive: Row[];
}

function ranked(totals: Map<string, number>, busyMs: number): Row[] {
  return [...totals]
    .map(([where, ms]) => ({ where, ms, share: ms / busyMs }))
    .sort((a, b) => b.ms - a.ms);
}

/** Self time over all profiles in `dir`, counting only samples taken after `sinceEpochMs`. */
export function analyzeProfiles(dir: string, sinceEpochMs = 0): ProfileBreakdown {
  const selfMs = new Map<string, number>();
  const functionMs = new Map<string, number>();
  const inclusiveMs = new Map<string, number>();
  let idleMs = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const meta = path.join(dir, file.replace(/\.cpuprofile$/, ".json"));
    const startedAt = existsSync(meta)
      ? (JSON.parse(readFileSync(meta, "utf8")) as { startedAtEpochMs: number }).startedAtEpochMs
      : 0;
    let elapsedMs = 0;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const whereById = new Map(profile.nodes.map((n) => [n.id, attribute(n.callFrame)]));
    const parentOf = new Map<number, number>();
    for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      elapsedMs += ms;
      if (startedAt + elapsedMs < sinceEpochMs) return;
      const where = whereById.get(id) ?? "(unknown)";
      if (where === "(idle)") {
        idleMs += ms;
        return;
      }
      selfMs.set(where, (selfMs.get(where) ?? 0) + ms);
      const name = `${byId.get(id)?.callFrame.functionName || "(anonymous)"}  ${where}`;
      functionMs.set(name, (functionMs.get(name) ?? 0) + ms);
      const onStack = new Set<string>();
      for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) {
        const file = whereById.get(node) ?? "";
        if (/^(lib|app|scripts)\//.test(file)) onStack.add(file);
      }
      for (const file of onStack) inclusiveMs.set(file, (inclusiveMs.get(file) ?? 0) + ms);
    });
  }
  const busyMs = [...selfMs.values()].reduce((a, b) => a + b, 0);
  return {
    busyMs,
    idleMs,
    rows: ranked(selfMs, busyMs),
    functions: ranked(functionMs, busyMs),
    inclusive: ranked(inclusiveMs, busyMs),
  };
}

export function printBreakdown(breakdown: ProfileBreakdown, top = 25): void {
  console.log(
    `\nserver CPU: busy ${Math.round(breakdown.busyMs)} ms, idle ${Math.round(breakdown.idleMs)} ms; self time by file/package:`,
  );
  const line = (row: Row) =>
    `${(row.share * 100).toFixed(1).padStart(5)}%  ${Math.round(row.ms).toString().padStart(7)} ms  ${row.where}`;
  for (const row of breakdown.rows.slice(0, top)) console.log(line(row));
  console.log("\nself time by function:");
  for (const row of breakdown.functions.slice(0, top)) console.log(line(row));
  console.log("\ntime with our file on the stack (callees included):");
  for (const row of breakdown.inclusive.slice(0, top)) console.log(line(row));
}
