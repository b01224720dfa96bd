// `npm run bench:sourcemaps [-- --quick] [--functions N]`
// Symbolication on read with a large map (issue 20 §3): an esbuild-minified bundle of N
// generated functions (default 72,000: a map of ≥ 10 MB with ≥ 2 M segments, sourcesContent
// included) uploaded with Logwell's own upload path to an in-memory PGlite; then one event
// whose stack has 10 frames in it is symbolicated with a cold cache (fetch, inflate, parse,
// map) and with a warm one, and the parsed-map cache's weight and the heap it really took are
// printed. Prints figures; asserts nothing. Results: docs/performance.md, "Source maps".
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openDatabase } from "@/lib/db/open";
import { levelNumber, logs } from "@/lib/db/schema";
import { getLog } from "@/lib/logs/get";
import { createProject } from "@/lib/projects/create-project";
import { parsedMapCache } from "@/lib/sourcemaps/read/parsed-maps";
import { symbolicateLog } from "@/lib/sourcemaps/read/symbolicate";
import { uploadFiles } from "@/lib/sourcemaps/upload/upload-files";
import { buildGeneratedApp, framesIn } from "./bench/generated-app";
import { describeMachine } from "./bench/machine";
import { median } from "./bench/stats";

// Not strict: `npm run bench` passes every script the same arguments (--quick, --rows, …).
const { values: args } = parseArgs({
  options: { functions: { type: "string" }, quick: { type: "boolean", default: false } },
  strict: false,
});
const functions = Number(args.functions ?? (args.quick ? 20_000 : 72_000));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

async function main() {
  console.log(`machine: ${describeMachine()}`);
  const app = await buildGeneratedApp(functions);
  const { script, map, segments } = app;
  console.log(
    `map: ${mb(map.byteLength)} (${segments.toLocaleString("en")} segments, ${functions} functions), script: ${mb(script.byteLength)}`,
  );

  const database = await openDatabase({ dataDir: "memory://" });
  const { db } = database;
  const { project } = await createProject(db, { name: "bench" });
  let started = performance.now();
  await uploadFiles(
    db,
    project.id,
    [
      { path: "app.js", data: script },
      { path: "app.js.map", data: map },
    ],
    { release: "bench@1", urlPrefix: "~/static" },
  );
  console.log(`upload (zip, read, deflate, store): ${(performance.now() - started).toFixed(0)} ms`);

  // Ten frames spread over the bundle, at segments that exist (a throw site each).
  const frames = framesIn(app, "https://shop.example/static/app.js", 10);
  const [row] = await db
    .insert(logs)
    .values({
      projectId: project.id,
      level: levelNumber.error,
      message: "RangeError: limit exceeded",
      stack: ["RangeError: limit exceeded", ...frames].join("\n"),
      release: "bench@1",
    })
    .returning({ id: logs.id });
  const log = await getLog(db, { projectIds: [project.id] }, String(row?.id));
  if (!log) throw new Error("bench event not found");

  parsedMapCache.clear();
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  started = performance.now();
  const cold = await symbolicateLog(db, log);
  const coldMs = performance.now() - started;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(
    `cold: ${coldMs.toFixed(0)} ms for one event (${cold?.mapped}/${cold?.frames} frames mapped)`,
  );

  const warm: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await symbolicateLog(db, log);
    warm.push(performance.now() - t);
  }
  console.log(
    `warm: median ${median(warm).toFixed(2)} ms per event (200 runs; 10 frames, 3 queries)`,
  );
  console.log(
    `cache: weighs ${mb(parsedMapCache.bytes)} against a ${mb(512 * 1024 * 1024)} budget; heap grew ${gc ? mb(heapAfter - heapBefore) : "(run with --expose-gc)"} for the parsed map`,
  );
  await database.close();
}

await main();
