import type { Db } from "@/lib/db/open";
import { type LogLevel, levelNumber, logs, type NewLogRow } from "@/lib/db/schema/logs";

export type SeedEvent = Partial<Omit<NewLogRow, "level" | "projectId">> & { level?: LogLevel };

/** Inserts events straight into `logs` (the read side's tests do not need the ingest path). */
export async function seedLogs(db: Db, projectId: string, events: SeedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(logs).values(
    events.map((e, i) => ({
      message: `event ${i}`,
      ...e,
      projectId,
      level: levelNumber[e.level ?? "info"],
    })),
  );
}

/** `count` events one millisecond apart, ending at `end`; message `prefix-<n>`, n ascending. */
export function timedEvents(count: number, end: Date, prefix = "e"): SeedEvent[] {
  return Array.from({ length: count }, (_, n) => ({
    message: `${prefix}-${n}`,
    receivedAt: new Date(end.getTime() - (count - n)),
  }));
}
