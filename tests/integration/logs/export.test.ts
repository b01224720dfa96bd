import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { exportLogs } from "@/lib/logs/export";
import { parseLogQuery } from "@/lib/logs/filters";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs, timedEvents } from "./seed-logs";

const noFilters = parseLogQuery(new URLSearchParams()).filters;

async function readChunks(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (let i = 0; i < 10_000; i++) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(decoder.decode(value));
  }
  return chunks;
}

describe.each(backends())("streamed export on %s (TC-12, EXP-3)", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let project: string;

  beforeAll(async () => {
    db = database.db;
    project = (await createProject(db, { name: "export" })).project.id;
    await seedLogs(db, project, timedEvents(2_500, new Date(Date.now() - 60_000)));
  });

  it("pulls one page per chunk, in order, without repeats", async () => {
    let pagesRead = 0;
    const stream = await exportLogs(db, { projectIds: [project] }, noFilters, {
      format: "ndjson",
      pageSize: 1_000,
      recheckScope: async () => {
        pagesRead++;
        return [project];
      },
    });
    const chunks = await readChunks(stream);
    expect(chunks).toHaveLength(3);
    expect(pagesRead).toBe(3);
    const messages = chunks
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).message);
    expect(messages).toHaveLength(2_500);
    expect(new Set(messages).size).toBe(2_500);
    expect(messages[0]).toBe("e-2499");
    expect(messages.at(-1)).toBe("e-0");
  });

  it("stops reading a project whose access ends mid-export", async () => {
    let calls = 0;
    const stream = await exportLogs(db, { projectIds: [project] }, noFilters, {
      format: "json",
      pageSize: 1_000,
      recheckScope: async () => (calls++ === 0 ? [project] : []),
    });
    const doc = JSON.parse((await readChunks(stream)).join("")) as { logs: unknown[] };
    expect(doc.logs).toHaveLength(1_000);
  });

  it("caps rows and ends with a continuation that resumes exactly", async () => {
    const first = await exportLogs(db, { projectIds: [project] }, noFilters, {
      format: "ndjson",
      rowCap: 1_500,
      recheckScope: async () => [project],
    });
    const lines = (await readChunks(first))
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const note = lines.pop() as { truncated: boolean; row_cap: number; next_cursor: string };
    expect(lines).toHaveLength(1_500);
    expect(note).toMatchObject({ truncated: true, row_cap: 1_500 });
    const rest = await exportLogs(db, { projectIds: [project] }, noFilters, {
      format: "ndjson",
      cursor: note.next_cursor,
      recheckScope: async () => [project],
    });
    const more = (await readChunks(rest))
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(more).toHaveLength(1_000);
    expect(new Set([...lines, ...more].map((l) => l.id)).size).toBe(2_500);
  });
});
