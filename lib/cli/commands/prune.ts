import type { Db } from "@/lib/db/open";
import { env } from "@/lib/env";
import { prune } from "@/lib/retention/prune";
import { escapeForTerminal as esc, type Output } from "../output";

export async function pruneCommand(
  db: Db,
  flags: { "dry-run"?: boolean; json?: boolean },
  out: Output,
) {
  const result = await prune({
    db,
    now: new Date(),
    budgetMs: env().LOGWELL_PRUNE_BUDGET_MS,
    batchSize: env().LOGWELL_PRUNE_BATCH_SIZE,
    dryRun: flags["dry-run"] === true,
  });
  if (flags.json) return out.json(result);
  if (result.skipped) return out.line("Another prune is running; nothing done.");
  const verb = result.dryRun ? "would delete" : "deleted";
  for (const p of result.projects) {
    out.line(
      `${esc(p.name)} (${p.id}): ${verb} ${p.deleted} events received before ${p.cutoff}${p.done ? "" : " (more left)"}`,
    );
  }
  if (result.orphans.deleted > 0)
    out.line(`Deleted projects: ${verb} ${result.orphans.deleted} events`);
  out.line(
    `Total: ${verb} ${result.deleted} events${result.done ? "." : "; run again to continue."}`,
  );
}
