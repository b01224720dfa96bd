import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import type { LogFilters } from "@/lib/logs/filters";
import { logVolume, type Volume } from "@/lib/logs/volume";
import { maxVolumeBuckets, niceBucketSeconds } from "@/lib/logs/volume-buckets";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs } from "./seed-logs";

// QRY-4 for the explorer's chart: a URL asking for 1970–9999 (or year 1, which only a direct
// caller can pass) once built one bucket per day, 2.9 million objects, and took the server
// down. The answer must stay bounded, span the range asked for (issue 18 §4; an open start
// begins at the oldest event), and put every event in the bucket that JS draws for it (SQL and
// JS divide the same way).

const at = (iso: string) => new Date(iso);
const spread = [
  { receivedAt: at("2020-03-01T10:00:00.000Z"), level: "info" as const },
  { receivedAt: at("2023-07-15T00:00:00.000Z"), level: "error" as const },
  { receivedAt: at("2026-01-01T12:00:00.250Z"), level: "warn" as const },
];
// One hour apart plus the exact hour boundaries: which bucket a boundary row lands in is where
// a JS/SQL mismatch would show.
const day = [
  "2024-06-01T00:00:00.000Z",
  "2024-06-01T00:59:59.999Z",
  "2024-06-01T01:00:00.000Z",
  "2024-06-01T13:30:00.000Z",
  "2024-06-02T00:00:00.000Z",
].map((iso) => ({ receivedAt: at(iso) }));

describe.each(backends())("volume chart bounds on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let spreadId: string;
  let dayId: string;
  let emptyId: string;

  beforeAll(async () => {
    db = database.db;
    spreadId = (await createProject(db, { name: "spread" })).project.id;
    dayId = (await createProject(db, { name: "day" })).project.id;
    emptyId = (await createProject(db, { name: "empty" })).project.id;
    await seedLogs(db, spreadId, spread);
    await seedLogs(db, dayId, day);
  });

  const volume = (
    ids: string[],
    from: string | undefined,
    to: string,
    extra: Partial<LogFilters> = {},
  ) => logVolume(db, { projectIds: ids }, { ...extra, from, to });

  const total = (v: Volume) => v.buckets.reduce((n, b) => n + b.total, 0);

  /** Every event's bucket as JS computes it from the answer's own start and size. */
  function expectedTotals(v: Volume, times: Date[]): number[] {
    const totals = v.buckets.map(() => 0);
    const start = Date.parse(v.from);
    for (const t of times) {
      const i = Math.floor((t.getTime() - start) / (v.bucketSeconds * 1000));
      totals[i] = (totals[i] ?? 0) + 1;
    }
    return totals;
  }

  it.each([
    ["1970 to 9999", "1970-01-01T00:00:00.000Z", "9999-12-31T00:00:00.000Z"],
    ["year 1 to 9999", "0001-01-01T00:00:00.000Z", "9999-12-31T00:00:00.000Z"],
    ["all time to 9999", undefined, "9999-12-31T00:00:00.000Z"],
  ])("%s: bounded buckets spanning the range asked for", async (_, from, to) => {
    const v = await volume([spreadId], from, to);
    expect(v.buckets.length).toBeGreaterThan(0);
    expect(v.buckets.length).toBeLessThanOrEqual(maxVolumeBuckets);
    expect(niceBucketSeconds).toContain(v.bucketSeconds);
    expect(v.from).toBe(from ?? "2020-03-01T10:00:00.000Z");
    expect(v.to).toBe(to);
    expect(total(v)).toBe(3);
    expect(v.buckets.map((b) => b.total)).toEqual(
      expectedTotals(
        v,
        spread.map((e) => e.receivedAt),
      ),
    );
    const byLevel: Record<string, number> = {};
    for (const b of v.buckets) {
      for (const [level, n] of Object.entries(b.counts)) byLevel[level] = (byLevel[level] ?? 0) + n;
    }
    expect(byLevel).toEqual({ info: 1, warn: 1, error: 1 });
  });

  it("puts boundary events in the bucket JS draws them in", async () => {
    const v = await volume([dayId], undefined, "2024-06-02T00:00:00.001Z");
    expect(v.from).toBe("2024-06-01T00:00:00.000Z");
    expect(v.bucketSeconds).toBe(3600);
    expect(v.buckets).toHaveLength(25);
    expect(v.buckets.map((b) => b.total)).toEqual(
      expectedTotals(
        v,
        day.map((e) => e.receivedAt),
      ),
    );
    expect(v.buckets[0]?.total).toBe(2);
    expect(v.buckets[1]?.total).toBe(1);
  });

  it("keeps the table's filters and draws exactly the requested range", async () => {
    const v = await volume([spreadId, dayId], "2023-01-01T00:00:00Z", "2025-01-01T00:00:00Z", {
      level: ["error"],
    });
    // The span is the range asked for, empty months included; counts follow the filters.
    expect(v.from).toBe("2023-01-01T00:00:00.000Z");
    expect(v.to).toBe("2025-01-01T00:00:00.000Z");
    expect(total(v)).toBe(1);
    expect(v.buckets.length).toBeLessThanOrEqual(maxVolumeBuckets);
  });

  it("answers an empty chart for no events, an inverted range or no project", async () => {
    for (const v of [
      await volume([emptyId], "1970-01-01T00:00:00Z", "9999-12-31T00:00:00Z"),
      await volume([spreadId], "9999-01-01T00:00:00Z", "1970-01-01T00:00:00Z"),
      await volume([], "1970-01-01T00:00:00Z", "9999-12-31T00:00:00Z"),
      await volume([spreadId], "2030-01-01T00:00:00Z", "9999-12-31T00:00:00Z"),
      await volume([emptyId], undefined, "9999-12-31T00:00:00Z"),
    ]) {
      expect(v.buckets).toEqual([]);
      expect(v.max).toBe(0);
    }
  });
});
