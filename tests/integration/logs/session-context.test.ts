import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { getLog } from "@/lib/logs/get";
import { listLogs } from "@/lib/logs/list";
import { sessionContext, sessionSideLimit } from "@/lib/logs/session-context";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs } from "./seed-logs";

describe.each(backends())("logs of the session around an event on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let a: string;
  let b: string;
  const at = Date.UTC(2026, 0, 1, 12, 0, 0);
  const t = (seconds: number) => new Date(at + seconds * 1000);

  beforeAll(async () => {
    db = database.db;
    a = (await createProject(db, { name: "A" })).project.id;
    b = (await createProject(db, { name: "B" })).project.id;
    await seedLogs(db, a, [
      { message: "too early", sessionId: "s1", receivedAt: t(-301) },
      { message: "before", sessionId: "s1", receivedAt: t(-300) },
      { message: "other session", sessionId: "s2", receivedAt: t(-1) },
      { message: "no session", receivedAt: t(-1) },
      { message: "the error", level: "error", sessionId: "s1", receivedAt: t(0) },
      { message: "after", sessionId: "s1", receivedAt: t(299) },
      { message: "too late", sessionId: "s1", receivedAt: t(300) },
      ...Array.from({ length: sessionSideLimit + 3 }, (_, i) => ({
        message: `busy #${i}#`,
        sessionId: "busy",
        receivedAt: t(-60 + i),
      })),
    ]);
    // The same session id in another project is another session.
    await seedLogs(db, b, [{ message: "foreign", sessionId: "s1", receivedAt: t(1) }]);
  });

  const find = async (message: string) => {
    const page = await listLogs(
      db,
      { projectIds: [a] },
      { project: a, q: message },
      { limit: 1 },
      {
        searchWindowMs: Date.now(),
      },
    );
    const log = page.logs[0] && (await getLog(db, { projectIds: [a] }, page.logs[0].id));
    if (!log) throw new Error(`no ${message}`);
    return log;
  };

  it("shows the same session within ±5 minutes of the event, oldest first, itself included", async () => {
    const log = await find("the error");
    const context = await sessionContext(db, { projectIds: [a] }, log);
    expect(context?.logs.map((l) => l.message)).toEqual(["before", "the error", "after"]);
    expect(context?.hasMoreBefore).toBe(false);
    expect(context?.hasMoreAfter).toBe(false);
    expect(context?.filters).toEqual({
      project: a,
      session_id: "s1",
      from: new Date(at - 300_000).toISOString(),
      to: new Date(at + 300_000).toISOString(),
    });
  });

  it("keeps a bounded number on each side and says there are more", async () => {
    const log = await find("busy #1#");
    const context = await sessionContext(db, { projectIds: [a] }, log);
    const messages = context?.logs.map((l) => l.message) ?? [];
    expect(messages[0]).toBe("busy #0#");
    expect(messages).toHaveLength(2 + sessionSideLimit);
    expect(messages.at(-1)).toBe(`busy #${1 + sessionSideLimit}#`);
    expect(context?.hasMoreBefore).toBe(false);
    expect(context?.hasMoreAfter).toBe(true);
  });

  it("is null without a session or outside the scope", async () => {
    expect(await sessionContext(db, { projectIds: [a] }, await find("no session"))).toBeNull();
    expect(await sessionContext(db, { projectIds: [b] }, await find("the error"))).toBeNull();
  });
});
