import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { filtersToParams, parseLogQuery } from "@/lib/logs/filters";

const parse = (qs: string) => parseLogQuery(new URLSearchParams(qs));
const code = (qs: string) => {
  try {
    parse(qs);
    return "ok";
  } catch (err) {
    return err instanceof ApiError ? err.code : String(err);
  }
};

describe("parseLogQuery (QRY-4)", () => {
  it("accepts the documented parameters and normalises them", () => {
    const { filters, page } = parse(
      "level=ERROR, fatal,error&min_level=Warn&q=x&from=2024-02-29T23:00:00%2B01:00&to=2024-03-01T00:00:00Z&limit=200",
    );
    expect(filters.level).toEqual(["error", "fatal"]);
    expect(filters.min_level).toBe("warn");
    expect(filters.from).toBe("2024-02-29T22:00:00.000Z");
    expect(page).toEqual({ limit: 200, cursor: undefined });
    expect(parse("").page.limit).toBe(50);
  });

  it.each([
    "from=2024-02-30T00:00:00Z",
    "from=2024-13-01T00:00:00Z",
    "from=2024-01-01",
    "from=1969-12-31T23:59:59Z",
    "from=infinity",
    "from=1700000000000",
    "from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z",
    "level=info,nope",
    `level=${Array(7).fill("info").join(",")}x`,
    "min_level=verbose",
    "limit=201",
    "limit=1.5",
    "limit=-1",
    `q=${"x".repeat(201)}`,
    `release=${"r".repeat(257)}`,
    `cursor=${"c".repeat(513)}`,
  ])("refuses %s with invalid_request", (qs) => {
    expect(code(qs)).toBe("invalid_request");
  });

  it("uses the first of repeated keys and ignores unknown ones", () => {
    expect(parse("q=a&q=b&format=csv&unknown=1").filters.q).toBe("a");
  });

  it("round-trips through filtersToParams", () => {
    const { filters } = parse("level=warn,error&q=a b&environment=prod");
    expect(parse(filtersToParams(filters).toString()).filters).toEqual(filters);
  });
});
