import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { logFacets } from "@/lib/logs/facets";
import { parseLogQuery } from "@/lib/logs/filters";
import { listLogs } from "@/lib/logs/list";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs } from "./seed-logs";

const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";

describe.each(backends())("facets on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let project: string;

  beforeAll(async () => {
    db = database.db;
    project = (await createProject(db, { name: "facets" })).project.id;
    await seedLogs(db, project, [
      {
        level: "error",
        environment: "prod",
        release: "a b",
        url: "https://x.example/cart?id=1",
        userAgent: firefox,
        attributes: { plan: 1, "a.b": 2 },
      },
      { level: "error", environment: "prod", url: "https://x.example/cart", country: "DE" },
      { level: "info", environment: "staging", url: "https://x.example", attributes: { plan: 2 } },
      { level: "warn", logger: "<img src=x onerror=alert(1)>" },
    ]);
  });

  const facetsFor = async (q?: string) => {
    const { filters } = parseLogQuery(new URLSearchParams(q ? { q } : {}));
    const found = await logFacets(db, { projectIds: [project] }, filters);
    return Object.fromEntries(found.facets.map((f) => [f.name, f.values]));
  };

  it("counts each facet's values, with the term that selects each", async () => {
    const f = await facetsFor();
    expect(f.level).toEqual([
      { value: "error", count: 2, term: "level:error" },
      { value: "info", count: 1, term: "level:info" },
      { value: "warn", count: 1, term: "level:warn" },
    ]);
    expect(f.environment?.[0]).toEqual({ value: "prod", count: 2, term: "environment:prod" });
    expect(f.release).toEqual([{ value: "a b", count: 1, term: 'release:"a b"' }]);
    expect(f.path).toEqual([
      { value: "/cart", count: 2, term: "path:/cart" },
      { value: "/", count: 1, term: "path:/" },
    ]);
    expect(f.browser).toEqual([{ value: "Firefox 120", count: 1, term: undefined }]);
    expect(f.country).toEqual([{ value: "DE", count: 1, term: "country:DE" }]);
    // A key with a dot cannot be named as attr.key: counted, not selectable.
    expect(f.attributes).toEqual([
      { value: "plan", count: 2, term: "has:attr.plan" },
      { value: "a.b", count: 1, term: undefined },
    ]);
  });

  it("follows the query, and each term selects exactly its count", async () => {
    const f = await facetsFor("environment:prod");
    expect(f.level).toEqual([{ value: "error", count: 2, term: "level:error" }]);
    for (const facet of Object.values(await facetsFor())) {
      for (const v of facet) {
        if (!v.term) continue;
        const { filters, page } = parseLogQuery(new URLSearchParams({ q: v.term }));
        const found = await listLogs(db, { projectIds: [project] }, filters, page);
        expect(found.logs.length, v.term).toBe(v.count);
      }
    }
  });

  it("says the counts are estimates when more events match than it counted", async () => {
    const scope = { projectIds: [project] };
    expect(await logFacets(db, scope, {})).toMatchObject({ counted: 4, estimated: false });
    const sampled = await logFacets(db, scope, {}, { sampleSize: 2 });
    expect(sampled).toMatchObject({ counted: 2, estimated: true });
    // The newest two: the warn and the info event.
    expect(sampled.facets.find((f) => f.name === "level")?.values.map((v) => v.value)).toEqual([
      "info",
      "warn",
    ]);
    // A rare query reads at most the range's newest `scanLimit` events: the error events are
    // older than the newest two, so none is found, and the answer says it looked at two.
    const { filters } = parseLogQuery(new URLSearchParams({ q: "level:error" }));
    expect(await logFacets(db, scope, filters, { scanLimit: 2 })).toMatchObject({
      counted: 0,
      estimated: true,
      scanLimit: 2,
    });
    expect(await logFacets(db, scope, filters, { scanLimit: 4 })).toMatchObject({
      counted: 2,
      estimated: false,
    });
  });
});
