import { fc } from "@fast-check/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { ApiError } from "@/lib/http/errors";
import { parseLogQuery } from "@/lib/logs/filters";
import { listLogs } from "@/lib/logs/list";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs, timedEvents } from "./seed-logs";

const noFilters = parseLogQuery(new URLSearchParams()).filters;

async function expectInvalidCursor(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe("invalid_cursor");
}

describe.each(backends())("cursors on %s (TC-16)", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let a: string;
  let b: string;
  let cursorA: string;

  beforeAll(async () => {
    db = database.db;
    a = (await createProject(db, { name: "A" })).project.id;
    b = (await createProject(db, { name: "B" })).project.id;
    const end = new Date(Date.now() - 60_000);
    await seedLogs(db, a, timedEvents(10, end, "a"));
    await seedLogs(db, b, timedEvents(10, end, "b"));
    const page = await listLogs(db, { projectIds: [a] }, noFilters, { limit: 3 });
    cursorA = page.next_cursor ?? "";
    expect(cursorA).not.toBe("");
  });

  it("TC-16: every single-character change of a cursor is refused", async () => {
    const sameBytes = (x: string, y: string) =>
      x
        .split(".")
        .every((part, i) =>
          Buffer.from(part, "base64url").equals(Buffer.from(y.split(".")[i] ?? "", "base64url")),
        );
    let tried = 0;
    for (let i = 0; i < cursorA.length; i++) {
      const forged = cursorA.slice(0, i) + (cursorA[i] === "A" ? "B" : "A") + cursorA.slice(i + 1);
      // base64url's last character carries spare bits: a change there may decode to the same bytes.
      if (sameBytes(forged, cursorA)) continue;
      tried++;
      await expectInvalidCursor(
        listLogs(db, { projectIds: [a] }, noFilters, { limit: 3, cursor: forged }),
      );
    }
    expect(tried).toBeGreaterThan(50);
  });

  it("TC-16: an edited payload without a new signature is refused", async () => {
    const [payload, signature] = cursorA.split(".");
    const decoded = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    decoded.i = "999999";
    decoded.t = "2999-01-01T00:00:00.000000Z";
    const edited = `${Buffer.from(JSON.stringify(decoded)).toString("base64url")}.${signature}`;
    await expectInvalidCursor(
      listLogs(db, { projectIds: [a] }, noFilters, { limit: 3, cursor: edited }),
    );
  });

  it("TC-16: another scope, other filters, junk and huge cursors are refused", async () => {
    const list = (projectIds: string[], qs: string, cursor: string) => {
      const { filters } = parseLogQuery(new URLSearchParams(qs));
      return listLogs(db, { projectIds }, filters, { limit: 3, cursor });
    };
    await expectInvalidCursor(list([b], "", cursorA));
    await expectInvalidCursor(list([a, b], "", cursorA));
    await expectInvalidCursor(list([a], `project=${a}`, cursorA));
    await expectInvalidCursor(list([a], "level=error", cursorA));
    await expectInvalidCursor(list([a], "q=a", cursorA));
    for (const junk of [
      ".",
      "x",
      "not base64!.!!",
      "a.b.c",
      `${cursorA}.x`,
      "%00",
      "x".repeat(1e6),
    ]) {
      await expectInvalidCursor(list([a], "", junk));
    }
    // Through the query-string parser a long cursor is already a 400 invalid_request.
    expect(() =>
      parseLogQuery(new URLSearchParams({ cursor: "x".repeat(1_000_000) })),
    ).toThrowError(ApiError);
  });

  it("TC-16 property: pages never repeat or skip while new events arrive", async () => {
    let pagesWalked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 30 }),
        async (count, limit, insertsBetweenPages) => {
          const { project } = await createProject(db, { name: "prop" });
          // Some rows share one received_at, so the id tie-break is exercised too.
          const end = new Date(Date.now() - 60_000);
          const events = timedEvents(count, end, "old").map((e, i) => ({
            ...e,
            receivedAt: i % 3 === 0 && e.receivedAt ? new Date(end.getTime() - 5) : e.receivedAt,
          }));
          await seedLogs(db, project.id, events);
          const scope = { projectIds: [project.id] };
          const snapshot = (await listLogs(db, scope, noFilters, { limit: 200 })).logs.map(
            (l) => l.id,
          );
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let p = 0; p < 100; p++) {
            const page = await listLogs(db, scope, noFilters, { limit, cursor });
            pagesWalked++;
            seen.push(...page.logs.map((l) => l.id));
            if (!page.next_cursor) break;
            cursor = page.next_cursor;
            const n = insertsBetweenPages[p % insertsBetweenPages.length] ?? 0;
            // New events arrive between page fetches (server clock: newer than everything).
            await seedLogs(
              db,
              project.id,
              Array.from({ length: n }, (_, k) => ({ message: `new-${p}-${k}` })),
            );
          }
          expect(seen).toEqual(snapshot);
        },
      ),
      { numRuns: 25, seed: 1_161_616 },
    );
    expect(pagesWalked).toBeGreaterThan(25);
  });
});
