import { describe, expect, it } from "vitest";
import { decodeEnvelope } from "@/lib/ingest/decode/sentry/decode";
import { addSdkHealth } from "@/lib/ingest/store/sdk-health";
import { createProject } from "@/lib/projects/create-project";
import { clientDropTotals, releaseHealth } from "@/lib/projects/sdk-health";
import { backends } from "../../../support/db";
import { useTestDatabase } from "../../../support/use-database";

// Sentry release health and client reports: decoded from envelope items, added to the day's
// counters, read back as the health page shows them.

const receivedAt = new Date("2026-03-01T12:00:00.000Z");

function envelope(...items: Array<[string, object]>): Uint8Array {
  const lines = ["{}"];
  for (const [type, payload] of items)
    lines.push(JSON.stringify({ type }), JSON.stringify(payload));
  return Buffer.from(lines.join("\n"));
}

describe.each(backends())("SDK health counters on %s", (backend) => {
  const database = useTestDatabase(backend);

  it("counts sessions once each, aggregates and client drops, summed across reports", async () => {
    const { project } = await createProject(database.db, { name: "app" });
    const attrs = { release: "app@1.0.0", environment: "production" };
    const started = "2026-03-01T10:00:00Z";
    const body = envelope(
      ["session", { sid: "a", init: true, status: "ok", started, attrs }],
      ["session", { sid: "a", status: "ok", errors: 1, started, attrs }],
      ["session", { sid: "a", status: "exited", errors: 1, started, attrs }],
      ["session", { sid: "b", init: true, status: "crashed", errors: 1, started, attrs }],
      ["session", { sid: "c", init: true, status: "exited", errors: 0, started, attrs }],
      [
        "sessions",
        { aggregates: [{ started, exited: 5, errored: 1, crashed: 1, abnormal: 1 }], attrs },
      ],
      [
        "client_report",
        {
          timestamp: 1772366400,
          discarded_events: [
            { reason: "queue_overflow", category: "error", quantity: 3 },
            { reason: "network_error", category: "log_item", quantity: 1e15 },
          ],
          rate_limited_events: [{ category: "error", quantity: 2 }],
        },
      ],
    );
    const decoded = decodeEnvelope(body, { receivedAt, maxEvents: 1000 });
    expect(decoded.events).toEqual([]);
    expect(decoded.healthItems).toBe(7);
    await addSdkHealth(database.db, project.id, decoded.health);
    await addSdkHealth(database.db, project.id, decoded.health);

    const [release] = await releaseHealth(database.db, project.id, 30, receivedAt);
    // Twice: 3 started sessions + 8 aggregated; errored a, b + 3; crashed b + 1; abnormal 1.
    expect(release).toMatchObject({
      release: "app@1.0.0",
      started: 22,
      errored: 10,
      crashed: 4,
      abnormal: 2,
      lastDay: "2026-03-01",
    });
    expect(release?.crashFree).toBeCloseTo(1 - 4 / 22);
    expect(await clientDropTotals(database.db, project.id, 30, receivedAt)).toEqual([
      { reason: "network_error", category: "log_item", quantity: 2_000_000 },
      { reason: "queue_overflow", category: "error", quantity: 6 },
      { reason: "ratelimit_backoff", category: "error", quantity: 4 },
    ]);
  });
});
