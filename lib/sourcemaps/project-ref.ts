import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { projects } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";

// sentry-cli's `--project` as typed: Logwell accepts the project's number (its DSN id) or its
// id. Uploaders are admins, who see every project, so only existence is checked.

export async function projectIdFromRef(db: Db, ref: string): Promise<string> {
  const trimmed = ref.trim();
  const where = /^[1-9]\d{0,9}$/.test(trimmed)
    ? eq(projects.number, Number(trimmed))
    : z.uuid().safeParse(trimmed).success
      ? eq(projects.id, trimmed)
      : undefined;
  const [row] = where
    ? await db.select({ id: projects.id }).from(projects).where(where).limit(1)
    : [];
  if (!row || Number(trimmed) > 2147483647) {
    throw new ApiError(
      "not_found",
      `Project not found: ${JSON.stringify(trimmed.slice(0, 100))} (use the project's number or id).`,
    );
  }
  return row.id;
}
