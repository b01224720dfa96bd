import type { Db } from "@/lib/db/open";
import { env } from "@/lib/env";
import { plural } from "@/lib/format/plural";
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
      `${esc(p.name)} (${p.id}): ${verb} ${plural(p.deleted, "event")} received before ${p.cutoff}${p.done ? "" : " (more left)"}`,
    );
  }
  if (result.orphans.deleted > 0)
    out.line(`Deleted projects: ${verb} ${plural(result.orphans.deleted, "event")}`);
  out.line(
    `Total: ${verb} ${plural(result.deleted, "event")}${result.done ? "." : "; run again to continue."}`,
  );
}
