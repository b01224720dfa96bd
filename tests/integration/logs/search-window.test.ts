import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { exportLogs } from "@/lib/logs/export";
import { parseLogQuery } from "@/lib/logs/filters";
import { listLogs } from "@/lib/logs/list";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { type SeedEvent, seedLogs } from "./seed-logs";

const hour = 3_600_000;

describe.each(backends())("text search by time slices on %s (QRY-5)", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let project: string;
  const now = Date.now();

  beforeAll(async () => {
    db = database.db;
    project = (await createProject(db, { name: "slices" })).project.id;
    // Matches spread over 30 days with long empty gaps, and non-matching noise between.
    const events: SeedEvent[] = [];
    for (const hoursAgo of [1, 2, 30, 31, 32, 200, 700]) {
      events.push({ message: `needle ${hoursAgo}h`, receivedAt: new Date(now - hoursAgo * hour) });
      events.push({ message: "hay", receivedAt: new Date(now - hoursAgo * hour - 1000) });
    }
    await seedLogs(db, project, events);
  });

  it("each page reads one slice; following cursors finds every match once, skipping empty time", async () => {
    const { filters } = parseLogQuery(new URLSearchParams({ q: "needle" }));
    const pages: string[][] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await listLogs(
        db,
        { projectIds: [project] },
        filters,
        { limit: 50, cursor },
        {
          searchWindowMs: 24 * hour,
        },
      );
      pages.push(page.logs.map((l) => l.message));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(pages).toEqual([
      ["needle 1h", "needle 2h"],
      ["needle 30h", "needle 31h", "needle 32h"],
      ["needle 200h"],
      ["needle 700h"],
    ]);
  });

  it("a full page ends at its last match, within the slice", async () => {
    const { filters } = parseLogQuery(new URLSearchParams({ q: "needle" }));
    const first = await listLogs(
      db,
      { projectIds: [project] },
      filters,
      { limit: 1 },
      {
        searchWindowMs: 24 * hour,
      },
    );
    const second = await listLogs(
      db,
      { projectIds: [project] },
      filters,
      { limit: 1, cursor: first.next_cursor ?? undefined },
      { searchWindowMs: 24 * hour },
    );
    expect([...first.logs, ...second.logs].map((l) => l.message)).toEqual([
      "needle 1h",
      "needle 2h",
    ]);
  });

  it("a `from` inside one slice searches in one go", async () => {
    const { filters } = parseLogQuery(
      new URLSearchParams({ q: "needle", from: new Date(now - 40 * hour).toISOString() }),
    );
    const page = await listLogs(
      db,
      { projectIds: [project] },
      filters,
      { limit: 50 },
      {
        searchWindowMs: 48 * hour,
      },
    );
    expect(page.logs.map((l) => l.message)).toEqual([
      "needle 1h",
      "needle 2h",
      "needle 30h",
      "needle 31h",
      "needle 32h",
    ]);
    expect(page.next_cursor).toBeNull();
  });

  it("exports every match across slices", async () => {
    const { filters } = parseLogQuery(new URLSearchParams({ q: "needle" }));
    const stream = await exportLogs(db, { projectIds: [project] }, filters, {
      format: "ndjson",
      recheckScope: async () => [project],
    });
    const text = await new Response(stream).text();
    expect(
      text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).message),
    ).toEqual([
      "needle 1h",
      "needle 2h",
      "needle 30h",
      "needle 31h",
      "needle 32h",
      "needle 200h",
      "needle 700h",
    ]);
  });

  it("a download reads at most its budget of slices, then continues by cursor (EXP-3)", async () => {
    const { filters } = parseLogQuery(new URLSearchParams({ q: "needle" }));
    const download = async (cursor?: string) => {
      const stream = await exportLogs(db, { projectIds: [project] }, filters, {
        format: "ndjson",
        cursor,
        readBudget: 2,
        recheckScope: async () => [project],
      });
      return (await new Response(stream).text())
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { message?: string; next_cursor?: string | null });
    };
    const first = await download();
    const note = first.pop();
    expect(first.map((l) => l.message)).toEqual([
      "needle 1h",
      "needle 2h",
      "needle 30h",
      "needle 31h",
      "needle 32h",
    ]);
    expect(note).toMatchObject({ truncated: true });
    const rest = await download(note?.next_cursor ?? undefined);
    expect(rest.map((l) => l.message)).toEqual(["needle 200h", "needle 700h"]);
  });
});
