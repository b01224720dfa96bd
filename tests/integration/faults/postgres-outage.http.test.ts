import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectConserved } from "../../support/conservation";
import { runLoad } from "../../support/load";
import {
  type FaultRig,
  type ProbeReply,
  probeIngest,
  startFaultRig,
  waitUntil,
} from "./fault-setup";

// TC-22 (FAULT-1): Postgres stops under load and comes back. During the outage every answer is
// 503 + Retry-After (or a connection error); never a 500, never a 2xx without its rows; after
// the restart the retried batches land exactly once.
describe("TC-22 Postgres outage under load (npm start on a throwaway Postgres)", () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startFaultRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it.each(["fast", "immediate"] as const)(
    "TC-22: pg_ctl stop -m %s mid-load → 503 + Retry-After, then conservation after restart",
    async (mode) => {
      const { projectId, key } = await rig.addProject(`outage-${mode}`);
      let acked = 0;
      let ackedAtRestart = Number.POSITIVE_INFINITY;
      let failed = false;
      const probes: ProbeReply[] = [];
      const seen = new Map<unknown, number>();
      const progressNote = () => `statuses so far: ${JSON.stringify([...seen])}`;
      const load = runLoad({
        url: rig.server.url,
        key,
        connections: 8,
        batchSize: 20,
        maxBatches: 3_000,
        durationMs: 45_000,
        onAttempt: (attempt, progress) => {
          acked = progress.batchesAcked;
          seen.set(attempt.status, (seen.get(attempt.status) ?? 0) + 1);
        },
        // Enough after the restart to show recovery, then stop: the test stays short.
        shouldStop: () => failed || acked >= ackedAtRestart + 30,
      });
      const fault = (async () => {
        await waitUntil(
          () => acked >= 30,
          30_000,
          () => `30 acked batches (${progressNote()})`,
        );
        await rig.pg.stop(mode);
        probes.push(...(await probeIngest(rig.server.url, key, 8, 200)));
        await rig.pg.start();
        ackedAtRestart = acked;
      })().catch((err) => {
        failed = true;
        throw err;
      });
      const [result] = await Promise.all([load, fault]);

      const statuses = new Set(result.attempts.map((a) => a.status));
      expect([...statuses].filter((s) => s !== 202 && s !== 503 && s !== "network-error")).toEqual(
        [],
      );
      const refused = result.attempts.filter((a) => a.status === 503);
      expect(refused.every((a) => Number(a.retryAfter) >= 1)).toBe(true);
      // What a client sees while Postgres is down: 503 + Retry-After, or a connection error.
      expect(probes.length).toBe(8);
      for (const probe of probes) {
        if (probe.status !== "network-error") {
          expect(probe.status).toBe(503);
          expect(Number(probe.retryAfter)).toBeGreaterThanOrEqual(1);
        }
      }
      expect(probes.filter((p) => p.status === 503).length).toBeGreaterThan(0);
      // The load itself met the outage: its in-flight batches were refused, then retried.
      expect(refused.length).toBeGreaterThan(0);
      expect(result.batches.every((b) => b.acked)).toBe(true);

      const report = await expectConserved(() => rig.openDatabase(), projectId, result);
      expect(report.storedRows).toBe(report.ackedIds);
    },
  );
});
