import type { Db } from "@/lib/db/open";
import { issues, issueValues, type NewIssue } from "@/lib/db/schema/issues";
import { type LogLevel, levelNumber, logs } from "@/lib/db/schema/logs";
import { issueIdFor } from "@/lib/issues/issue-id";

// Issues for the read/update layer's tests, inserted as rows (what ingest's counters would
// have written), with their values and, when asked, events that carry the issue's id.

export interface SeedIssue {
  key: string;
  title?: string;
  culprit?: string | null;
  level?: LogLevel;
  firstSeen?: Date;
  lastSeen?: Date;
  events?: number;
  users?: number;
  releases?: string[];
  environments?: string[];
  /** Inserts this many `logs` rows carrying the issue's id. */
  withEvents?: number;
  row?: Partial<NewIssue>;
}

export async function seedIssue(db: Db, projectId: string, seed: SeedIssue): Promise<string> {
  const id = issueIdFor(projectId, 1, seed.key);
  const lastSeen = seed.lastSeen ?? new Date(Date.UTC(2026, 0, 1, 12));
  await db.insert(issues).values({
    id,
    projectId,
    groupingKey: seed.key,
    groupingVersion: 1,
    title: seed.title ?? `Error: ${seed.key}`,
    culprit: seed.culprit === undefined ? `fn (${seed.key}.js)` : seed.culprit,
    type: "Error",
    level: levelNumber[seed.level ?? "error"],
    firstSeen: seed.firstSeen ?? new Date(lastSeen.getTime() - 3_600_000),
    lastSeen,
    firstRelease: seed.releases?.[0] ?? null,
    lastRelease: seed.releases?.at(-1) ?? null,
    eventCount: seed.events ?? 1,
    userCount: seed.users ?? 1,
    ...seed.row,
  });
  const values = [
    ...(seed.releases ?? []).map((value) => ({ kind: "release" as const, value })),
    ...(seed.environments ?? []).map((value) => ({ kind: "environment" as const, value })),
  ];
  if (values.length > 0) {
    await db
      .insert(issueValues)
      .values(values.map((v) => ({ ...v, issueId: id, lastHour: new Date(Date.UTC(2026, 0, 1)) })));
  }
  if (seed.withEvents) {
    await db.insert(logs).values(
      Array.from({ length: seed.withEvents }, (_, n) => ({
        projectId,
        level: levelNumber[seed.level ?? "error"],
        message: `${seed.key} event ${n}`,
        receivedAt: new Date(lastSeen.getTime() - n * 1000),
        issueId: id,
      })),
    );
  }
  return id.toString();
}
