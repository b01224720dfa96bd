import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { logs, type NewProject, projects } from "@/lib/db/schema";

export const day = 24 * 60 * 60 * 1000;
export const second = 1000;

/** A fresh project per test, so one prune over the shared database is easy to reason about. */
export async function newProject(db: Db, values: Partial<NewProject> = {}) {
  const [project] = await db
    .insert(projects)
    .values({ name: `retention ${randomUUID().slice(0, 8)}`, ...values })
    .returning();
  if (!project) throw new Error("no project");
  return project;
}

export interface EventSpec {
  receivedAt: Date;
  /** Client clock; retention must ignore it. */
  timestamp?: Date | null;
  message?: string;
}

export async function insertEvents(db: Db, projectId: string, events: EventSpec[]) {
  if (events.length === 0) return;
  await db.insert(logs).values(
    events.map((e, i) => ({
      projectId,
      level: 30,
      message: e.message ?? `event ${i}`,
      receivedAt: e.receivedAt,
      timestamp: e.timestamp ?? null,
    })),
  );
}

export async function messagesOf(db: Db, projectId: string): Promise<string[]> {
  const rows = await db
    .select({ message: logs.message })
    .from(logs)
    .where(eq(logs.projectId, projectId));
  return rows.map((r) => r.message).sort();
}

export async function countOf(db: Db, projectId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from logs where project_id = ${projectId}`,
  );
  return row?.n ?? 0;
}
