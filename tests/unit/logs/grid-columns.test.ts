import { describe, expect, it } from "vitest";
import type { LogDto } from "@/lib/logs/dto";
import {
  gridCellText,
  gridColumnsParam,
  maxGridColumns,
  parseGridColumns,
} from "@/lib/logs/grid-columns";

// The grid's chosen columns come from the URL: only the query language's fields and attribute
// paths are read, once each and boundedly; a cell shows what the event holds, cut.

const log = {
  url: "https://shop.example/cart?x=1",
  release: "web@2.4.0",
  environment: null,
  attributes: {
    http: { status: 502, headers: { a: "b" } },
    ok: true,
    long: "y".repeat(500),
    "a.b": "dotted key",
    list: [1, 2],
  },
} as unknown as LogDto;

describe("grid columns", () => {
  it("reads fields and attribute paths, once each, in order; drops anything else", () => {
    const columns = parseGridColumns(
      " release ,attr.http.status,release,nope,attr.,attr.a..b,level,path,,attr.ok",
    );
    expect(columns.map((c) => c.name)).toEqual(["release", "attr.http.status", "path", "attr.ok"]);
    expect(gridColumnsParam(columns)).toBe("release,attr.http.status,path,attr.ok");
    expect(gridColumnsParam([])).toBeUndefined();
    expect(parseGridColumns(undefined)).toEqual([]);
  });

  it("is bounded whatever the URL holds", () => {
    const many = Array.from({ length: 1_000 }, (_, i) => `attr.k${i}`).join(",");
    expect(parseGridColumns(many)).toHaveLength(maxGridColumns);
    expect(parseGridColumns(`attr.${"k".repeat(200)}`)).toEqual([]);
    expect(parseGridColumns(`attr.${Array(12).fill("k").join(".")}`)).toEqual([]);
  });

  it("shows strings as they are, other values as JSON, cut; absent values as undefined", () => {
    const cell = (name: string) => {
      const [column] = parseGridColumns(name);
      if (!column) throw new Error(`not a column: ${name}`);
      return gridCellText(log, column);
    };
    expect(cell("release")).toBe("web@2.4.0");
    expect(cell("path")).toBe("/cart");
    expect(cell("environment")).toBeUndefined();
    expect(cell("attr.http.status")).toBe("502");
    expect(cell("attr.http.headers")).toBe('{"a":"b"}');
    expect(cell("attr.ok")).toBe("true");
    expect(cell("attr.list")).toBe("[1,2]");
    expect(cell("attr.http.status.deeper")).toBeUndefined();
    expect(cell("attr.missing")).toBeUndefined();
    expect(cell("attr.long")).toBe(`${"y".repeat(200)}…`);
    // A path walks objects only: "constructor" or "__proto__" is not an own key.
    expect(cell("attr.constructor")).toBeUndefined();
    expect(cell("attr.__proto__")).toBeUndefined();
  });
});
