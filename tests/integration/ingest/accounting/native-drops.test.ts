// The Logwell script's own drop report (issue 16 §1): `{"events": [...], "dropped": {...}}` on
// the native endpoint stores the events, adds the drops to the client-drop counters (category
// log, as a Sentry client report would) and counts them as the project's client_discard in
// ingest health; hostile reports are bounded. PGlite and Postgres, through the real pipeline.
import { describe, expect, it } from "vitest";
import { flushIngestOutcomes } from "@/lib/ingest/accounting/flush";
import { projectIngestHealth } from "@/lib/projects/ingest-health";
import { clientDropTotals } from "@/lib/projects/sdk-health";
import { backends } from "../../../support/db";
import { seedProject, unlimitedRates } from "../../../support/seed";
import { useTestDatabase } from "../../../support/use-database";
import { postLogs } from "../post-helper";

describe.each(backends())("the script's drop report on %s", (backend) => {
  const database = useTestDatabase(backend);

  it("stores the events, the drops as client drops of category log, and counts them in ingest health", async () => {
    const project = await seedProject(database.db, { name: "script", ...unlimitedRates });
    const body = JSON.stringify({
      events: [{ message: "a" }, { message: "b" }],
      dropped: { queue_overflow: 3 },
    });
    const res = await postLogs(database.db, body, { key: project.key });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 0 });
    expect(await clientDropTotals(database.db, project.id)).toEqual([
      { reason: "queue_overflow", category: "log", quantity: 3 },
    ]);
    await flushIngestOutcomes(database.db);
    const { totals } = await projectIngestHealth(database.db, project.id);
    expect(Object.fromEntries(totals.map((t) => [t.outcome, t.events]))).toEqual({
      accepted: 2,
      client_discard: 3,
    });
  });

  it("bounds a hostile report: counts capped, reasons cut to 64 characters, non-numbers nothing", async () => {
    const project = await seedProject(database.db, { name: "hostile", ...unlimitedRates });
    const body = JSON.stringify({
      events: [{ message: "a" }],
      dropped: { ["r".repeat(100)]: 1e15, storage_full: "lots", queue_overflow: -5 },
    });
    expect((await postLogs(database.db, body, { key: project.key })).status).toBe(202);
    expect(await clientDropTotals(database.db, project.id)).toEqual([
      { reason: "r".repeat(64), category: "log", quantity: 1_000_000 },
      { reason: "queue_overflow", category: "log", quantity: 0 },
      { reason: "storage_full", category: "log", quantity: 0 },
    ]);
  });
});
