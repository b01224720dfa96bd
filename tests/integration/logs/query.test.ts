import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { ApiError } from "@/lib/http/errors";
import { parseLogQuery } from "@/lib/logs/filters";
import { listLogs } from "@/lib/logs/list";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs } from "./seed-logs";

// The query language against real rows (docs/api.md "Query syntax").
describe.each(backends())("q query syntax on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let project: string;

  beforeAll(async () => {
    db = database.db;
    project = (await createProject(db, { name: "query" })).project.id;
    const now = Date.now();
    const t = (s: number) => new Date(now - 60_000 + s * 1000);
    await seedLogs(db, project, [
      {
        message: "checkout failed: card declined",
        level: "error",
        receivedAt: t(1),
        release: "web@2.4.0",
        environment: "prod",
        logger: "checkout",
        stack: "Error: declined\n at pay (cart.js:1:2)",
        userId: "u1",
        attributes: { http: { status: 502 }, retry: true, plan: "pro", ratio: 1.5 },
      },
      {
        message: "checkout ok",
        level: "info",
        receivedAt: t(2),
        release: "web@2.5.1",
        environment: "staging",
        url: "https://shop.example/cart?x=1",
        attributes: { http: { status: 200 }, retry: false, plan: "free" },
      },
      {
        message: "slow page",
        level: "warn",
        receivedAt: t(3),
        release: "web@3.0.0",
        attributes: { http: { status: "502" }, count: 42.0 },
      },
      { message: "no release here", level: "fatal", receivedAt: t(4), sessionId: "s9" },
    ]);
  });

  const search = async (q: string) => {
    const { filters, page } = parseLogQuery(new URLSearchParams({ q }));
    const found = await listLogs(db, { projectIds: [project] }, filters, page);
    return found.logs.map((l) => l.message).sort();
  };

  it.each([
    ["checkout", ["checkout failed: card declined", "checkout ok"]],
    ['"card declined"', ["checkout failed: card declined"]],
    ['checkout -"ok"', ["checkout failed: card declined"]],
    ["cart", ["checkout failed: card declined", "checkout ok"]],
    ["level:error", ["checkout failed: card declined"]],
    ["level:>=warn", ["checkout failed: card declined", "no release here", "slow page"]],
    ["level:<warn", ["checkout ok"]],
    ["level:warn,fatal", ["no release here", "slow page"]],
    ["release:web@2.*", ["checkout failed: card declined", "checkout ok"]],
    ["release:web@2.4.0", ["checkout failed: card declined"]],
    ["release:web@2", []],
    ["-release:web@2.*", ["no release here", "slow page"]],
    ["environment:prod logger:checkout user:u1", ["checkout failed: card declined"]],
    ["session:s9", ["no release here"]],
    ["url:https://shop.example/*", ["checkout ok"]],
    ["path:/cart", ["checkout ok"]],
    ["path:/c*", ["checkout ok"]],
    ["-path:/cart", ["checkout failed: card declined", "no release here", "slow page"]],
    ["has:stack", ["checkout failed: card declined"]],
    ["-has:release", ["no release here"]],
    ["attr.http.status:502", ["checkout failed: card declined", "slow page"]],
    ["attr.http.status:>=500", ["checkout failed: card declined"]],
    ["attr.http.status:<300", ["checkout ok"]],
    ["attr.retry:true", ["checkout failed: card declined"]],
    ["attr.retry:false", ["checkout ok"]],
    ["attr.plan:pr*", ["checkout failed: card declined"]],
    ["attr.count:42", ["slow page"]],
    ["attr.ratio:>1", ["checkout failed: card declined"]],
    ["has:attr.count", ["slow page"]],
    ["-attr.plan:free", ["checkout failed: card declined", "no release here", "slow page"]],
    ["issue:abc", []],
  ])("q=%j", async (q, expected) => {
    expect(await search(q)).toEqual([...expected].sort());
  });

  it("answers a parse error as 400 invalid_request naming the position", () => {
    try {
      parseLogQuery(new URLSearchParams({ q: "level:error colour:red" }));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe("invalid_request");
      expect((err as ApiError).details.body).toEqual({
        errors: [{ field: "q", position: 13, message: expect.stringContaining("colour") }],
      });
    }
  });
});
