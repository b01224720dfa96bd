import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { type IngestKey, ingestKeys } from "@/lib/db/schema";

export async function listIngestKeys(db: Db, projectId: string): Promise<IngestKey[]> {
  return db
    .select()
    .from(ingestKeys)
    .where(eq(ingestKeys.projectId, projectId))
    .orderBy(desc(ingestKeys.createdAt));
}

/**
 * Revokes one of the project's keys. Undefined when the id is malformed, belongs to another
 * project or is already revoked — the route answers 404 alike.
 */
export async function revokeIngestKey(
  db: Db,
  projectId: string,
  keyId: string,
): Promise<IngestKey | undefined> {
  if (!z.uuid().safeParse(keyId).success) return undefined;
  const [key] = await db
    .update(ingestKeys)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(ingestKeys.id, keyId),
        eq(ingestKeys.projectId, projectId),
        isNull(ingestKeys.revokedAt),
      ),
    )
    .returning();
  return key;
}
