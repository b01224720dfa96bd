import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { queryRows } from "@/lib/db/query";
import { changeIssuesAs } from "@/lib/issues/access";
import { issuePatchSchema } from "@/lib/issues/changes";
import { backends } from "../../support/db";
import { type SeededProject, seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "../ingest/post-helper";

// Bulk status changes while ingest counts into the same issues: both lock issue rows in id
// order (lib/issues/update.ts, lib/issues/ingest), so neither deadlocks the other, no request
// fails, and every event is counted once whatever the changes did meanwhile.

const admin: Principal = {
  kind: "token",
  id: "0190a0a0-0000-7000-8000-00000000000a",
  role: "admin",
};
const fns = ["alpha", "beta", "gamma", "delta"];

const crash = (id: string, fn: string) => ({
  id,
  level: "error",
  message: "TypeError: x is undefined",
  stack: `TypeError: x is undefined\n    at ${fn} (https://shop.example.com/assets/app.js:1:1)`,
});

describe.each(backends())("status changes during ingest on %s", (backend) => {
  const database = useTestDatabase(backend);
  let project: SeededProject;
  let ids: string[];

  beforeAll(async () => {
    project = await seedProject(database.db, {
      rateLimitPerIpPerMinute: 1_000_000,
      rateLimitEventsPerMinute: 10_000_000,
    });
    await postLogs(database.db, JSON.stringify(fns.map((fn) => crash(`seed-${fn}`, fn))), {
      key: project.key,
      peerIp: "203.0.113.1",
    });
    ids = (
      await queryRows<{ id: string }>(
        database.db,
        sql`SELECT id::text AS id FROM issues WHERE project_id = ${project.id}::uuid`,
      )
    ).map((r) => r.id);
    expect(ids).toHaveLength(fns.length);
  });

  it("no request fails and every event is counted once", async () => {
    const bodies = [
      { status: "resolved" },
      { ignore_until: { events: 3 } },
      { status: "unresolved" },
      { status: "ignored" },
    ];
    const work: Promise<unknown>[] = [];
    for (let round = 0; round < 12; round++) {
      // Each request touches every issue, in a different order each round.
      const order = fns.map((_, k) => fns[(k + round) % fns.length] as string);
      const events = order.flatMap((fn) => [
        crash(`${round}-${fn}-1`, fn),
        crash(`${round}-${fn}-2`, fn),
      ]);
      work.push(
        postLogs(database.db, JSON.stringify(events), {
          key: project.key,
          peerIp: `203.0.113.${10 + round}`,
        }).then((res) => expect(res.status).toBe(202)),
      );
      const reversed = round % 2 === 0 ? [...ids].reverse() : ids;
      work.push(
        changeIssuesAs(
          database.db,
          admin,
          project.id,
          reversed,
          issuePatchSchema.parse(bodies[round % bodies.length]),
        ),
      );
    }
    const results = await Promise.allSettled(work);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const counts = await queryRows<{ n: string }>(
      database.db,
      sql`SELECT event_count::text AS n FROM issues WHERE project_id = ${project.id}::uuid`,
    );
    expect(counts.map((c) => Number(c.n))).toEqual(fns.map(() => 1 + 12 * 2));
    const [changes] = await queryRows<{ n: string }>(
      database.db,
      sql`SELECT count(*)::text AS n FROM issue_activity
          WHERE user_id IS NULL AND details->>'token_id' = ${admin.id}`,
    );
    expect(Number(changes?.n)).toBe(12 * fns.length);
  });
});
