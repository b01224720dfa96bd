import { describe, expect, it } from "vitest";
import {
  explorerHref,
  parseExplorerParams,
} from "@/app/(dashboard)/projects/[projectId]/logs/search-params";

// The explorer page clamps what the URL can make it do (QRY-4); the read API refuses with 400
// instead (tests/unit/logs/filters.test.ts).

const project = "00000000-0000-4000-8000-000000000001";
const now = new Date("2026-03-15T12:00:00Z");
const parse = (params: Record<string, string | string[]>) =>
  parseExplorerParams(params, project, now);

describe("parseExplorerParams", () => {
  it("keeps a query that does not parse as text with its error, and reads without it", () => {
    const state = parse({ q: 'level:error "oops', environment: "prod" });
    expect(state.queryText).toBe('level:error "oops');
    expect(state.queryError).toMatchObject({ position: 13 });
    expect(state.filters.q).toBeUndefined();
    expect(state.filters.environment).toBe("prod");
    expect(parse({ q: "level:error oops" }).queryError).toBeUndefined();
  });

  it("reads the last 24 hours without a range, all time with range=all", () => {
    const state = parse({});
    expect(state.range).toBe("24h");
    expect(state.filters.from).toBe("2026-03-14T12:00:00.000Z");
    const all = parse({ range: "all" });
    expect(all.range).toBe("all");
    expect(all.filters.from).toBeUndefined();
    // A link to a view without a time bound must say so, or it would open the default range.
    expect(explorerHref(project, all.filters)).toBe(`/projects/${project}/logs?range=all`);
    expect(explorerHref(project, state.filters)).not.toContain("range=");
  });

  it("reads only the first few repeats of a multi-valued key", () => {
    const state = parse({ level: Array(10_000).fill("warn") });
    expect(state.error).toBeUndefined();
    expect(state.filters.level).toEqual(["warn"]);
  });

  it("reads a hand-typed time without seconds or zone as UTC", () => {
    const state = parse({ from: "1970-01-01T00:00", to: "9999-12-31T00:00" });
    expect(state.error).toBeUndefined();
    expect(state.filters.from).toBe("1970-01-01T00:00:00.000Z");
    expect(state.filters.to).toBe("9999-12-31T00:00:00.000Z");
    expect(state.range).toBe("custom");
  });

  it.each([
    ["year 1", { from: "0001-01-01T00:00:00Z" }],
    ["from after to", { from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" }],
  ])("ignores %s with a note instead of failing", (_, params) => {
    const state = parse(params);
    expect(state.error).toMatch(/^Ignored invalid filters/);
    expect(state.filters).toEqual({ project });
  });
});
