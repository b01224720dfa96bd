import { migrateWithLock } from "@/lib/bootstrap/migrate";
import { openDatabase } from "@/lib/db/open";
import { databaseUrl, env } from "@/lib/env";
import type { Output } from "../output";

/**
 * The URL `migrate --before-build` should use: only on Vercel (self-hosted servers migrate at
 * start), preferring the direct connection Neon's integration provides, since a transaction-mode
 * pooler can break migrations.
 */
export function buildTimeMigrationUrl(): string | undefined {
  const e = env();
  if (!e.VERCEL) return undefined;
  return e.DATABASE_URL_UNPOOLED ?? e.POSTGRES_URL_NON_POOLING ?? databaseUrl();
}

export async function migrateCommand(flags: { "before-build"?: boolean }, out: Output) {
  let url: string | undefined;
  if (flags["before-build"]) {
    url = buildTimeMigrationUrl();
    if (!url) {
      out.line(
        env().VERCEL
          ? "logwell migrate: no DATABASE_URL on this Vercel project; skipped (add the Neon integration)."
          : "logwell migrate: not on Vercel; skipped (the server applies migrations at start).",
      );
      return;
    }
  }
  const database = await openDatabase(url ? { url } : {});
  try {
    await migrateWithLock(database);
    out.line(`Migrations applied (${database.kind}).`);
  } finally {
    await database.close();
  }
}
