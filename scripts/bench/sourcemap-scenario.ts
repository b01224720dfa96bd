import { eq } from "drizzle-orm";
import pg from "pg";
import { openDatabase } from "@/lib/db/open";
import { projects } from "@/lib/db/schema";
import { createProject } from "@/lib/projects/create-project";
import { uploadFiles } from "@/lib/sourcemaps/upload/upload-files";
import { buildGeneratedApp, framesIn } from "./generated-app";
import type { IngestFigure } from "./ingest-report";
import { median, round } from "./stats";

// bench:ingest --sourcemaps (issue 20 §3): minified Sentry events (one per envelope, 10 frames
// in a generated esbuild bundle) sent to a project without uploads and, right after, to one
// with the bundle's map uploaded, whose error events ingest groups by their original frames
// (lib/sourcemaps/grouping). After the warm-up the parsed map is in the server's cache: the
// ratio is the warm-cache cost of mapping at ingest. Cold cost and cache memory:
// bench:sourcemaps.

/** ~2.4 MB of map: a typical production bundle's. */
const functions = 5_000;
const release = "web@2.14.3";
const scriptUrl = "https://shop.example.com/assets/app-3f2a.js";

export interface MapsProject {
  id: string;
  number: number;
  key: string;
  /** V8 frame lines (innermost first) at positions the uploaded map resolves. */
  frames: string[];
  mapBytes: number;
}

/** A second bench project with the generated bundle's map uploaded (release + URL). */
export async function seedMapsProject(url: string, raisedLimit: number): Promise<MapsProject> {
  const app = await buildGeneratedApp(functions);
  const database = await openDatabase({ url, driver: "pg" });
  try {
    const { db } = database;
    const { project, key } = await createProject(db, { name: "bench-maps" });
    await db
      .update(projects)
      .set({ rateLimitPerIpPerMinute: raisedLimit, rateLimitEventsPerMinute: raisedLimit })
      .where(eq(projects.id, project.id));
    await uploadFiles(
      db,
      project.id,
      [
        { path: "app-3f2a.js", data: app.script },
        { path: "app-3f2a.js.map", data: app.map },
      ],
      { release, urlPrefix: "~/assets" },
    );
    return {
      id: project.id,
      number: project.number,
      key,
      frames: framesIn(app, scriptUrl, 10),
      mapBytes: app.map.byteLength,
    };
  } finally {
    await database.close();
  }
}

/** The culprits of the project's issues: original names show the events were mapped. */
export async function issueCulprits(url: string, projectId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ culprit: string | null }>(
      "select culprit from issues where project_id = $1 order by culprit",
      [projectId],
    );
    return rows.map((r) => r.culprit ?? "(none)");
  } finally {
    await client.end();
  }
}

export function printSourcemapPairs(
  pairs: ReadonlyArray<{ absent: IngestFigure; present: IngestFigure }>,
  mapBytes: number,
): void {
  if (pairs.length === 0) return;
  const ratio = median(pairs.map((p) => p.present.eventsPerSecond / p.absent.eventsPerSecond));
  const at = (pick: (f: IngestFigure) => number, side: "absent" | "present") =>
    round(median(pairs.map((p) => pick(p[side]))), 1);
  console.log(
    `Sentry minified events (10 frames), maps absent: ${at((f) => f.eventsPerSecond, "absent")} events/s, server CPU ${at((f) => f.serverCpuUs, "absent")} µs/event; maps present (${(mapBytes / 1024 / 1024).toFixed(1)} MB map, warm cache): ${at((f) => f.eventsPerSecond, "present")} events/s, server CPU ${at((f) => f.serverCpuUs, "present")} µs/event, p99 ${at((f) => f.p99, "present")} ms`,
  );
  console.log(
    `ratio maps present ÷ absent events/s: ${round(ratio, 2)} (goal ≥ 0.70; per repetition, median)`,
  );
  const cpu = (f: IngestFigure) => f.serverCpuUs + f.dbCpuUs;
  const cpuRatio = median(pairs.map((p) => cpu(p.absent) / cpu(p.present)));
  console.log(
    `  by CPU: absent (server + Postgres) µs/event ÷ present µs/event = ${round(cpuRatio, 2)}`,
  );
}
