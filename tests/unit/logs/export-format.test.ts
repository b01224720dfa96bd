import { describe, expect, it } from "vitest";
import type { LogDto } from "@/lib/logs/dto";
import { csvColumns, csvRows, ndjsonRows, neutralizeCell } from "@/lib/logs/export-format";
import { contentDisposition, exportFilename } from "@/lib/logs/export-headers";
import { parseCsvStrict } from "../../support/csv";

describe("neutralizeCell (EXP-1, V-16)", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "  =1+1", " \t@x", "'=x", "'"])(
    "prefixes %j",
    (cell) => {
      expect(neutralizeCell(cell)).toBe(`'${cell}`);
    },
  );
  it.each(["hello", "1-2", "a=b", "", "   ", " 'x"])("leaves %j alone", (cell) => {
    expect(neutralizeCell(cell)).toBe(cell);
  });
});

describe("csvRows", () => {
  it("quotes per RFC 4180 and neutralises every column, attributes included", () => {
    const log = Object.fromEntries(csvColumns.map((c) => [c, null])) as unknown as LogDto;
    const row = csvRows([
      {
        ...log,
        id: "1",
        message: 'a "quoted", value',
        url: "=evil()",
        attributes: { "=k": "v" },
        truncated_fields: ["message"],
        normalized_fields: [],
      },
    ]);
    expect(row).toContain('"a ""quoted"", value"');
    expect(row).toContain("'=evil()");
    expect(row.endsWith("\r\n")).toBe(true);
  });
});

describe("line breaks inside values (issue 17, item 1)", () => {
  const texts = ["stack\n  at f", "cr\ronly", "crlf\r\nx", "ls\u2028ps\u2029", "end\n"];
  const log = Object.fromEntries(csvColumns.map((c) => [c, null])) as unknown as LogDto;
  const logs = texts.map((message, i) => ({
    ...log,
    id: String(i),
    message,
    truncated_fields: [],
    normalized_fields: [],
  }));

  it("CSV quotes every cell holding CR, LF, U+2028 or U+2029: one record per event", () => {
    const records = parseCsvStrict(csvRows(logs));
    expect(records.map((r) => r[csvColumns.indexOf("message")])).toEqual(texts);
  });

  it("NDJSON escapes U+2028/U+2029, so no line breaker cuts a record", () => {
    const text = ndjsonRows(logs);
    expect(text).not.toMatch(/[\r\u2028\u2029]/);
    expect(
      text
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l).message),
    ).toEqual(texts);
  });
});

describe("Content-Disposition (V-15)", () => {
  it("has an ASCII fallback and an RFC 6266 filename* for any name", () => {
    const name = exportFilename(
      'Αθήνα 日本 "shop"\r\n',
      "csv",
      new Date(Date.UTC(2026, 0, 2, 3, 4)),
    );
    expect(name).toBe("logwell-Αθήνα-日本-shop-20260102-0304.csv");
    const header = contentDisposition(name);
    expect(header).toMatch(
      /^attachment; filename="logwell-[A-Za-z0-9._-]+\.csv"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/,
    );
    expect(decodeURIComponent(header.split("UTF-8''")[1] ?? "")).toBe(name);
    // A Headers object accepts it (a raw non-Latin value would throw a ByteString TypeError).
    expect(new Headers({ "content-disposition": header }).get("content-disposition")).toBe(header);
  });
});
