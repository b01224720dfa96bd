import type { Db } from "@/lib/db/open";
import { ingestKeys, type NewProject, projects } from "@/lib/db/schema";
import { displayPrefix, generateSecret, hashSecret, ingestKeyPrefix } from "@/lib/keys/secrets";

export type CreateProjectInput = Pick<NewProject, "name"> &
  Partial<Pick<NewProject, "retentionDays" | "allowedOrigins" | "ipStorage" | "maxEvents">>;

/** Creates a project with its first ingest key. */
export async function createProject(db: Db, input: CreateProjectInput) {
  return db.transaction(async (tx) => {
    const [project] = await tx.insert(projects).values(input).returning();
    if (!project) throw new Error("insert into projects returned no row");
    const { key, ingestKey } = await insertIngestKey(tx as unknown as Db, project.id, "default");
    return { project, key, ingestKey };
  });
}

export async function createIngestKey(db: Db, projectId: string, name = "default") {
  return insertIngestKey(db, projectId, name);
}

async function insertIngestKey(db: Db, projectId: string, name: string) {
  const key = generateSecret(ingestKeyPrefix);
  const [ingestKey] = await db
    .insert(ingestKeys)
    .values({ projectId, name, key, prefix: displayPrefix(key), keyHash: hashSecret(key) })
    .returning();
  if (!ingestKey) throw new Error("insert into ingest_keys returned no row");
  return { key, ingestKey };
}
