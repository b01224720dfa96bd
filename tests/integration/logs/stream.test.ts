import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { ApiError } from "@/lib/http/errors";
import type { LogFilters } from "@/lib/logs/filters";
import {
  defaultStreamOptions,
  openTail,
  type StreamMessage,
  type StreamOptions,
  sseMessage,
  tailEventStream,
} from "@/lib/logs/stream";
import { startTail } from "@/lib/logs/tail";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedLogs } from "./seed-logs";

// The streaming tail's state machine (lib/logs/stream.ts) tick by tick on both backends: scope
// and filters applied in SQL, events sent the moment they are visible and once, a late commit
// behind newer rows still sent, resume from a message id without a gap, back-pressure as catch-up
// batches or one counted "more" marker.

const logsOf = (messages: StreamMessage[]) =>
  messages.flatMap((m) => (m.event === "log" ? [m.log.message] : []));

describe.each(backends())("streaming live tail on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let a: string;
  let b: string;
  /** The database's clock, so seeded times are relative to its now(). */
  let dbNow: () => Promise<number>;

  beforeAll(async () => {
    db = database.db;
    a = (await createProject(db, { name: "stream a" })).project.id;
    b = (await createProject(db, { name: "stream b" })).project.id;
    dbNow = async () => {
      const [row] = await queryRows<{ ms: number | string }>(
        db,
        sql`SELECT floor(extract(epoch FROM now()) * 1000)::float8 AS ms`,
      );
      return Number(row?.ms);
    };
  });

  /** A tail over `projectIds` with `filters`, from `ago` ms before the database's now. */
  async function tailFrom(
    projectIds: string[],
    filters: LogFilters,
    agoMs: number,
    options: Partial<StreamOptions> = {},
  ) {
    const scope = { projectIds };
    // Cursor positions carry microseconds, as Postgres formats them.
    const at = new Date((await dbNow()) - agoMs).toISOString().replace("Z", "000Z");
    const cursor = await startTail(db, scope, filters, { receivedAt: at, id: "0" });
    return openTail(db, scope, filters, cursor, { ...defaultStreamOptions, ...options });
  }

  it("sends only the scope's matching events, fresh ones at once, each once", async () => {
    const now = await dbNow();
    const tail = await tailFrom([a], { level: ["error"] }, 60_000);
    await seedLogs(db, a, [
      { message: "a error old", level: "error", receivedAt: new Date(now - 30_000) },
      { message: "a info", level: "info", receivedAt: new Date(now - 30_000) },
      // Younger than the settle window: sent now, not 2 s later.
      { message: "a error fresh", level: "error", receivedAt: new Date(now - 100) },
    ]);
    await seedLogs(db, b, [
      { message: "b error", level: "error", receivedAt: new Date(now - 30_000) },
    ]);
    const first = await tail.tick();
    expect(logsOf(first)).toEqual(["a error old", "a error fresh"]);
    expect(first.at(-1)?.event).toBe("position");
    // The fresh event is above the watermark and read again: not sent twice.
    expect(logsOf(await tail.tick())).toEqual([]);
  });

  it("a late commit behind an already sent event is still sent (the watermark waits)", async () => {
    const tail = await tailFrom([a], { q: "late-case" }, 10_000);
    const now = await dbNow();
    await seedLogs(db, a, [{ message: "late-case newer", receivedAt: new Date(now - 200) }]);
    expect(logsOf(await tail.tick())).toEqual(["late-case newer"]);
    // Committed now, stamped before the event already sent (a slower ingest transaction).
    await seedLogs(db, a, [{ message: "late-case older", receivedAt: new Date(now - 1_000) }]);
    expect(logsOf(await tail.tick())).toEqual(["late-case older"]);
  });

  it("resumes from a message id: nothing before it again, nothing after it lost", async () => {
    const tail = await tailFrom([a], { q: "resume-case" }, 60_000);
    const now = await dbNow();
    await seedLogs(db, a, [{ message: "resume-case 1", receivedAt: new Date(now - 20_000) }]);
    const first = await tail.tick();
    expect(logsOf(first)).toEqual(["resume-case 1"]);
    const lastId = first.at(-1)?.id ?? "";
    await seedLogs(db, a, [{ message: "resume-case 2", receivedAt: new Date(now - 100) }]);
    const resumed = await openTail(db, { projectIds: [a] }, { q: "resume-case" }, lastId);
    expect(logsOf(await resumed.tick())).toEqual(["resume-case 2"]);
    // Another scope or other filters cannot reuse the id.
    await expect(openTail(db, { projectIds: [b] }, { q: "resume-case" }, lastId)).rejects.toThrow(
      ApiError,
    );
    await expect(openTail(db, { projectIds: [a] }, {}, lastId)).rejects.toThrow(ApiError);
  });

  it("back-pressure: a small backlog comes in batches, a large one as one counted marker", async () => {
    const now = await dbNow();
    const old = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({
        message: `${prefix} ${i}`,
        receivedAt: new Date(now - 40_000 + i),
      }));
    const small = await tailFrom([a], { q: "small-backlog" }, 50_000, {
      batch: 5,
      maxBacklog: 20,
    });
    await seedLogs(db, a, old(12, "small-backlog"));
    const sent: string[] = [];
    for (let i = 0; i < 4; i++) sent.push(...logsOf(await small.tick()));
    expect(sent).toEqual(Array.from({ length: 12 }, (_, i) => `small-backlog ${i}`));

    const large = await tailFrom([a], { q: "large-backlog" }, 50_000, {
      batch: 5,
      maxBacklog: 20,
    });
    await seedLogs(db, a, old(30, "large-backlog"));
    const marker = await large.tick();
    expect(marker).toHaveLength(1);
    expect(marker[0]).toMatchObject({ event: "more", count: 30, capped: false });
    await seedLogs(db, a, [{ message: "large-backlog after", receivedAt: new Date(now - 50) }]);
    expect(logsOf(await large.tick())).toEqual(["large-backlog after"]);
  });

  it("the byte stream: retry and a position first, events, then reconnect at the maximum duration", async () => {
    const options = { ...defaultStreamOptions, pollMs: 20, maxDurationMs: 1_500 };
    const tail = await tailFrom([a], { q: "bytes-case" }, 10_000, options);
    const now = await dbNow();
    await seedLogs(db, a, [{ message: "bytes-case 1", receivedAt: new Date(now - 100) }]);
    let ended = 0;
    const text = await new Response(
      tailEventStream(tail, new AbortController().signal, options, () => ended++),
    ).text();
    // Its slot (stream-slots.ts) is given back once, at the close.
    expect(ended).toBe(1);
    expect(text.startsWith("retry: 500\nid: ")).toBe(true);
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe("position");
    expect(events.filter((e) => e === "log")).toHaveLength(1);
    expect(events.at(-1)).toBe("reconnect");
    expect(text).toContain('"message":"bytes-case 1"');
  });

  it("the byte stream stops reading the database when the reader hangs up", async () => {
    const options = { ...defaultStreamOptions, pollMs: 20 };
    const tail = await tailFrom([a], { q: "hangup-case" }, 10_000, options);
    let ticks = 0;
    const counted = {
      ...tail,
      tick: () => {
        ticks++;
        return tail.tick();
      },
    };
    let ended = 0;
    const reader = tailEventStream(
      counted,
      new AbortController().signal,
      options,
      () => ended++,
    ).getReader();
    await reader.read();
    expect(ended).toBe(0);
    const pending = reader.read();
    await reader.cancel();
    expect((await pending).done).toBe(true);
    expect(ended).toBe(1);
    const atHangUp = ticks;
    await new Promise((resolve) => setTimeout(resolve, 200));
    // At most the read in flight at the hang-up finishes.
    expect(ticks).toBeLessThanOrEqual(atHangUp + 1);
  });

  it("encodes each message as one SSE block; hostile text cannot break out of data", () => {
    const text = sseMessage({
      event: "more",
      id: "x.y",
      count: 3,
      capped: false,
    });
    expect(text).toBe('id: x.y\nevent: more\ndata: {"count":3,"capped":false}\n\n');
    const hostile = sseMessage({
      event: "log",
      id: "x.y",
      log: { message: "a\n\ndata: forged\r\nevent: more" } as never,
    });
    expect(hostile.split("\n\n")).toHaveLength(2);
    expect(hostile.split("\n").filter((l) => l.startsWith("data:"))).toHaveLength(1);
  });
});
