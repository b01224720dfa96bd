// The ingest-health accounting's cost (issue 16 §1: "within 5 % of ingest without it"): what
// one request adds to the in-memory tally (lib/ingest/accounting/tally.ts), timed here in the
// bench's own process over a realistic key mix, and set against the server CPU per request the
// same run measured. The flush writes one row per project, minute and outcome every few
// seconds, whatever the request rate: per event it rounds to nothing, so it is not timed here.
import { countOutcome, takeTally } from "@/lib/ingest/accounting/tally";
import type { BenchResults } from "./ingest-report";
import { round } from "./stats";

const calls = 2_000_000;
const projects = Array.from(
  { length: 20 },
  (_, i) => `0193aaaa-0000-7000-8000-${String(i).padStart(12, "0")}`,
);

/** Nanoseconds of one request's counting (an accepted count; a refusal costs the same). */
export function accountingNsPerRequest(): number {
  const now = Date.now();
  const run = (n: number) => {
    for (let i = 0; i < n; i++)
      countOutcome(projects[i % 20] as string, "accepted", 100, undefined, now + i);
    takeTally();
  };
  run(200_000); // warm-up: the JIT settles
  const started = process.hrtime.bigint();
  run(calls);
  return Number(process.hrtime.bigint() - started) / calls;
}

/** Its share of the server's CPU per request at each batch size this run measured. */
export function printAccountingCost(results: BenchResults): void {
  const ns = accountingNsPerRequest();
  const shares = results.batchSizes.map((batch) => {
    const figures = results.ingest.get(batch) ?? [];
    const us = figures.map((f) => f.serverCpuUs * batch).sort((a, b) => a - b);
    const median = us[Math.floor(us.length / 2)] ?? Number.NaN;
    return `batch ${batch}: ${round((100 * ns) / 1000 / median, 3)} % of ${round(median)} µs`;
  });
  console.log(
    `\ningest-health accounting (in-memory tally): ${round(ns)} ns per request = ${shares.join("; ")} server CPU per request`,
  );
}
