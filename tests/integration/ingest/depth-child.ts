// Child process for TC-08: stores deeply nested attributes in embedded PGlite through the real
// normalise + insert path and prints one JSON line per depth. Run by depth.test.ts under a
// watchdog, because PGlite on deep jsonb can spin at 100 % CPU ignoring SIGTERM (threat V-6).
import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { openDatabase } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { prepareBatch } from "@/lib/ingest/normalize/batch";
import { insertEvents } from "@/lib/ingest/store/store";
import { seedProject } from "../../support/seed";

const depths = (process.argv[2] ?? "").split(",").map(Number);
const database = await openDatabase({ dataDir: "memory://" });
const project = await seedProject(database.db);
for (const depth of depths) {
  const text = `{"message":"deep ${depth}","attributes":${'{"a":'.repeat(depth)}0${"}".repeat(depth)}}`;
  const receivedAt = new Date();
  const batch = prepareBatch([JSON.parse(text)], receivedAt);
  const requestId = uuidv7();
  const result = await insertEvents(
    database.db,
    {
      projectId: project.id,
      receivedAt,
      requestId,
      userAgent: null,
      clientIp: null,
      country: null,
    },
    batch.events,
  );
  const stored = await queryRows<{ attributes: unknown }>(
    database.db,
    sql`select attributes from logs where request_id = ${requestId}`,
  );
  console.log(
    JSON.stringify({
      depth,
      inserted: result.inserted,
      rows: stored.length,
      attributes: JSON.stringify(stored[0]?.attributes ?? null),
    }),
  );
}
await database.close();
