import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectConserved } from "../../support/conservation";
import { type LoadResult, runLoad } from "../../support/load";
import { type FaultRig, sleep, startFaultRig, waitUntil } from "./fault-setup";

// TC-23 (FAULT-2, DUP-2) and TC-24 (FAULT-3) against `npm start`'s server on a throwaway Postgres.
describe("TC-23/TC-24 connection faults (npm start on a throwaway Postgres)", () => {
  let rig: FaultRig;
  beforeAll(async () => {
    // A lock wait must end as an error the ingest maps to 503, not a request held for 30 s.
    rig = await startFaultRig({ databaseSettings: ["lock_timeout = '500ms'"] });
  });
  afterAll(async () => {
    await rig?.close();
  });

  async function expectConservation(projectId: string, result: LoadResult) {
    const report = await expectConserved(() => rig.openDatabase(), projectId, result);
    expect(report.storedRows).toBe(report.ackedIds);
  }

  function expectOnlyRetryableFailures(result: LoadResult) {
    const unexpected = result.attempts.filter(
      (a) => a.status !== 202 && a.status !== 503 && a.status !== "network-error",
    );
    expect(unexpected.map((a) => a.status)).toEqual([]);
    const refused = result.attempts.filter((a) => a.status === 503);
    expect(refused.every((a) => Number(a.retryAfter) >= 1)).toBe(true);
    expect(result.batches.every((b) => b.acked)).toBe(true);
  }

  it("TC-23: pg_terminate_backend() on the ingest backend during 1,000-event batches → no partial batch; retries with ids store once", async () => {
    const { projectId, key } = await rig.addProject("terminate");
    const maxKills = 6;
    let kills = 0;
    let loadDone = false;
    const killer = (async () => {
      const client = new pg.Client({ connectionString: rig.pg.url() });
      await client.connect();
      try {
        const deadline = Date.now() + 30_000;
        while (!loadDone && kills < maxKills && Date.now() < deadline) {
          const { rows } = await client.query<{ killed: boolean }>(
            `select pg_terminate_backend(pid) as killed from pg_stat_activity
             where datname = 'logwell' and pid <> pg_backend_pid()
               and state = 'active'
               and (query ilike 'copy %logs%' or query ilike '%insert into %logs%')`,
          );
          kills += rows.filter((r) => r.killed).length;
          await sleep(5 + Math.random() * 20);
        }
      } finally {
        await client.end();
      }
    })();
    const result = await runLoad({
      url: rig.server.url,
      key,
      connections: 3,
      batchSize: 1_000,
      maxBatches: 30,
      durationMs: 40_000,
    }).finally(() => {
      loadDone = true;
    });
    await killer;

    expect(kills).toBeGreaterThan(0);
    expect(result.attempts.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expectOnlyRetryableFailures(result);
    await expectConservation(projectId, result);
  });

  it("TC-24: a lock held by another session times out as 503 + Retry-After, never 500; the retry stores once", async () => {
    const { projectId, key } = await rig.addProject("locked");
    const locker = new pg.Client({ connectionString: rig.databaseUrl });
    await locker.connect();
    try {
      await locker.query("begin");
      await locker.query("lock table logs in access exclusive mode");
      let refusals = 0;
      // Hold the lock until the server has refused at least once, whatever the machine's speed.
      const released = waitUntil(
        () => refusals > 0,
        30_000,
        () => "a 503 while locked",
      ).finally(() => locker.query("rollback"));
      const result = await runLoad({
        url: rig.server.url,
        key,
        connections: 4,
        batchSize: 20,
        maxBatches: 8,
        durationMs: 20_000,
        onAttempt: (attempt) => {
          if (attempt.status === 503) refusals++;
        },
      });
      await released;

      const refused = result.attempts.filter((a) => a.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      expectOnlyRetryableFailures(result);
      await expectConservation(projectId, result);
    } finally {
      await locker.end();
    }
  });
});
