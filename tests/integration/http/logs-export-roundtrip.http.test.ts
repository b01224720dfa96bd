import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { type LogDto, logDtoSchema } from "@/lib/logs/dto";
import { csvColumns } from "@/lib/logs/export-format";
import { parseCsvStrict } from "../../support/csv";
import { backends } from "../../support/db";
import type { ServerSeededWith } from "../../support/seed";
import { hostileEvents, hostileTexts } from "../logs/hostile-export-events";
import { createAdminToken, createProject, startReadApiServer } from "../logs/http-fixture";
import { seedLogs } from "../logs/seed-logs";

// Issue 17 item 1 (EXP-1, TC-11): an export read back by strict parsers holds exactly what the
// read API returns for the same events, field by field, in all three formats.

const eventCount = 10;

/** The documented CSV text of an API value (docs/api.md, export): null is an empty cell. */
function csvText(value: LogDto[keyof LogDto]): string {
  if (value === null) return "";
  if (Array.isArray(value)) return value.join(";");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The documented escape: a leading `'` on formula-like cells and on cells starting with `'`. */
function isEscaped(text: string): boolean {
  const triggers = ["=", "+", "-", "@", "\t", "\r", "\n", "'"];
  return triggers.includes(text.charAt(0)) || "=+-@".includes(text.trimStart().charAt(0) || "'");
}

/** What a reader does: a leading `'` is always the export's, so it drops exactly one. */
const unescapeCell = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);

async function seed(db: Db) {
  const { project } = await createProject(db, { name: "hostile" });
  await seedLogs(db, project.id, hostileEvents(eventCount, new Date(Date.UTC(2026, 1, 1))));
  const token = (await createAdminToken(db, { name: "reader", role: "viewer" }, "cli")).token;
  return { project: project.id, token };
}

describe.each(backends())("export round trip on npm start (%s)", (backend) => {
  let api: ServerSeededWith<Awaited<ReturnType<typeof seed>>>;
  let expected: LogDto[];
  const get = (path: string) =>
    fetch(api.server.url + path, { headers: { authorization: `Bearer ${api.seeded.token}` } });
  const exportOf = async (format: string) => {
    const res = await get(`/api/v1/logs/export?format=${format}&project=${api.seeded.project}`);
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    api = await startReadApiServer(backend, seed, { LOGWELL_EXPORT_MAX_ROWS: "100" });
    const res = await get(`/api/v1/logs?project=${api.seeded.project}&limit=200`);
    expected = ((await res.json()) as { logs: unknown[] }).logs.map((l) => logDtoSchema.parse(l));
  }, 180_000);
  afterAll(async () => api?.cleanup());

  it("seeds every hostile text into every text column", () => {
    expect(expected).toHaveLength(eventCount);
    const columns = ["message", "logger", "url", "stack", "release", "environment"] as const;
    const more = ["session_id", "user_id", "trace_id", "user_agent"] as const;
    const seen = new Set(expected.flatMap((l) => [...columns, ...more].map((c) => l[c])));
    for (const text of hostileTexts) expect(seen.has(text), JSON.stringify(text)).toBe(true);
  });

  it("CSV: a strict parser reads one record per event, every cell as the API has it", async () => {
    const records = parseCsvStrict(await exportOf("csv"));
    expect(records[0]).toEqual([...csvColumns]);
    expect(records).toHaveLength(eventCount + 1);
    records.slice(1).forEach((record, row) => {
      const log = expected[row] as LogDto;
      csvColumns.forEach((column, i) => {
        const cell = record[i] ?? "";
        const text = csvText(log[column]);
        expect(unescapeCell(cell), `${row}.${column}`).toBe(text);
        expect(cell.startsWith("'"), `${row}.${column} escaped`).toBe(isEscaped(text));
      });
      const attributes = record[csvColumns.indexOf("attributes")] ?? "";
      expect(JSON.parse(unescapeCell(attributes))).toEqual(log.attributes);
    });
  });

  it("NDJSON: one JSON value per line under any line splitter, equal to the API's", async () => {
    const text = await exportOf("ndjson");
    // Python's str.splitlines() and many log tools also break at CR, U+2028 and U+2029.
    const lines = text.replace(/\n$/, "").split(/\r\n|[\n\r\u2028\u2029]/);
    expect(lines.map((l) => JSON.parse(l))).toEqual(expected);
  });

  it("JSON: the document's logs equal the API's", async () => {
    const doc = JSON.parse(await exportOf("json")) as { logs: LogDto[]; truncated: boolean };
    expect(doc.logs).toEqual(expected);
    expect(doc.truncated).toBe(false);
  });
});
