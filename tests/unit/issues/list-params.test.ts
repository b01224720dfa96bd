import { describe, expect, it } from "vitest";
import {
  firstPageHref,
  issuesHref,
  parseIssueListParams,
} from "@/app/(dashboard)/projects/[projectId]/issues/search-params";

// The issue list's URL is its state: parsed like the API's query (lib/issues/filters.ts), with
// a time range preset made concrete, and links that leave the defaults out.

const project = "00000000-0000-4000-8000-000000000001";
const now = new Date("2026-03-15T12:00:00Z");
const parse = (params: Record<string, string | string[]>) =>
  parseIssueListParams(params, project, now);

describe("parseIssueListParams", () => {
  it("defaults to unresolved issues by last seen, any time", () => {
    const state = parse({});
    expect(state).toMatchObject({
      range: "all",
      filters: { status: "unresolved", sort: "last_seen" },
    });
    expect(state.filters.since).toBeUndefined();
    expect(issuesHref(project, state.filters)).toBe(`/projects/${project}/issues`);
  });

  it("makes a range preset a concrete since, and keeps the preset in first-page links", () => {
    const state = parse({ range: "24h", status: "all", sort: "events" });
    expect(state.filters.since).toBe("2026-03-14T12:00:00.000Z");
    expect(firstPageHref(project, state)).toBe(
      `/projects/${project}/issues?status=all&sort=events&range=24h`,
    );
    // A next page is bound to the concrete time its cursor was issued for.
    expect(issuesHref(project, state.filters, { cursor: "c" })).toBe(
      `/projects/${project}/issues?status=all&since=2026-03-14T12%3A00%3A00.000Z&sort=events&cursor=c`,
    );
    expect(parse({ since: "2026-03-01T00:00:00Z" }).range).toBe("custom");
    // "Any time" chosen on a later page drops the concrete since it carried.
    const anyTime = parse({ since: "2026-03-01T00:00:00Z", range: "all" });
    expect(anyTime.range).toBe("all");
    expect(anyTime.filters.since).toBeUndefined();
  });

  it("reads the first few repeats of a level list, and ignores what does not parse", () => {
    expect(parse({ level: Array(10_000).fill("error") }).filters.level).toEqual(["error"]);
    const bad = parse({ status: "everything", q: "x" });
    expect(bad.error).toMatch(/status/);
    expect(bad.filters).toMatchObject({ status: "unresolved", project });
    expect(bad.filters.q).toBeUndefined();
  });
});
