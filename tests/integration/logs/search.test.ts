import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import type { ApiError } from "@/lib/http/errors";
import { parseLogQuery } from "@/lib/logs/filters";
import { listLogs } from "@/lib/logs/list";
import { likePattern } from "@/lib/logs/search";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs } from "./seed-logs";

const corpus = [
  "100% done",
  "under_score",
  "back\\slash",
  "plain text",
  "50%% off",
  "a%b literal",
  "axb wildcard bait",
  "regex (.*)+ meta [x]",
  "Ünïcode ÉLAN",
];

describe("likePattern", () => {
  it("escapes the three LIKE metacharacters and nothing else", () => {
    expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
    expect(likePattern("(.*)+")).toBe("%(.*)+%");
  });
});

describe.each(backends())("text search on %s (TC-17)", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let project: string;

  beforeAll(async () => {
    db = database.db;
    project = (await createProject(db, { name: "search" })).project.id;
    await seedLogs(
      db,
      project,
      corpus.map((message) => ({ message })),
    );
  });

  const search = async (q: string) => {
    const { filters, page } = parseLogQuery(new URLSearchParams({ q }));
    const found = await listLogs(db, { projectIds: [project] }, filters, page);
    return found.logs.map((l) => l.message).sort();
  };

  it.each([
    ["%", ["100% done", "50%% off", "a%b literal"]],
    ["_", ["under_score"]],
    ["\\", ["back\\slash"]],
    ["%%", ["50%% off"]],
    ["a%b", ["a%b literal"]],
    ["(.*)+", ["regex (.*)+ meta [x]"]],
    ["[x]", ["regex (.*)+ meta [x]"]],
    ["élan", ["Ünïcode ÉLAN"]],
    ["PLAIN", ["plain text"]],
    ["nothing like this", []],
  ])("q=%j matches literally", async (q, expected) => {
    expect(await search(q)).toEqual([...expected].sort());
  });

  it("refuses an over-long q with 400 invalid_request", () => {
    expect(() => parseLogQuery(new URLSearchParams({ q: "x".repeat(10_000) }))).toThrowError(
      expect.objectContaining({ code: "invalid_request" }) as unknown as ApiError,
    );
  });
});
