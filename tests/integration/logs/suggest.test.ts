import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { suggestValues } from "@/lib/logs/suggest";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs } from "./seed-logs";

describe.each(backends())("query bar suggestions on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let project: string;
  let other: string;

  beforeAll(async () => {
    db = database.db;
    project = (await createProject(db, { name: "suggest" })).project.id;
    other = (await createProject(db, { name: "other" })).project.id;
    await seedLogs(db, project, [
      { release: "web@2.4.0", attributes: { http: { status: 502, method: "GET" }, "50%": 1 } },
      { release: "web@2.4.0", attributes: { http: { status: 200 } } },
      { release: "web@2.5.0", attributes: { http: "flat" } },
      { release: "api@1.0.0" },
      { release: "x".repeat(300) },
    ]);
    await seedLogs(db, other, [{ release: "web@9.9.9", attributes: { secret: 1 } }]);
  });

  it("suggests the project's common values by prefix, most common first", async () => {
    expect(await suggestValues(db, project, "release", "web")).toEqual([
      { value: "web@2.4.0", count: 2 },
      { value: "web@2.5.0", count: 1 },
    ]);
    // Another project's values never show; values too long for a query are left out.
    expect((await suggestValues(db, project, "release", "")).map((s) => s.value)).toEqual([
      "web@2.4.0",
      "api@1.0.0",
      "web@2.5.0",
    ]);
  });

  it("suggests attribute keys under a path and an attribute's values", async () => {
    expect(await suggestValues(db, project, "attr.", "")).toEqual([
      { value: "http", count: 3 },
      { value: "50%", count: 1 },
    ]);
    expect(await suggestValues(db, project, "attr.http.", "")).toEqual([
      { value: "status", count: 2 },
      { value: "method", count: 1 },
    ]);
    expect(await suggestValues(db, project, "attr.", "5_")).toEqual([]);
    expect(await suggestValues(db, project, "attr.http.status", "5")).toEqual([
      { value: "502", count: 1 },
    ]);
    expect(await suggestValues(db, project, "colour", "")).toEqual([]);
  });
});
