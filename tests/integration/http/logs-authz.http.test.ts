// TC-13 for the read API: every principal × every logs read route, against `npm start`'s server.
// The viewer is a member of project A only; tokens, admins and owners see every project.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogDto } from "@/lib/logs/dto";
import { backends } from "../../support/db";
import { routeHandlersInTree } from "../../support/route-tree";
import { type CastServer, startCastServer } from "../auth/fixtures";
import { callAs, headersFor, principals, unauthenticated, type Who } from "../auth/principals";
import { seedLogs } from "../logs/seed-logs";

const routes = [
  "/api/v1/logs",
  "/api/v1/logs/[id]",
  "/api/v1/logs/export",
  "/api/v1/logs/stream",
  "/api/v1/logs/tail",
];

interface SseBlock {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads an SSE answer's blocks until `done` says so (or the stream ends), then hangs up. */
async function readSse(res: Response, done: (blocks: SseBlock[]) => boolean): Promise<SseBlock[]> {
  const blocks: SseBlock[] = [];
  const reader = res.body?.getReader();
  if (!reader) return blocks;
  const decoder = new TextDecoder();
  let buffer = "";
  while (!done(blocks)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block: SseBlock = {};
      for (const line of buffer.slice(0, end).split("\n")) {
        const colon = line.indexOf(": ");
        const field = line.slice(0, colon);
        if (field === "id" || field === "event" || field === "data") {
          block[field] = line.slice(colon + 2);
        }
      }
      blocks.push(block);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
    }
  }
  await reader.cancel();
  return blocks;
}

const streamedMessages = (blocks: SseBlock[]) =>
  blocks.filter((b) => b.event === "log").map((b) => JSON.parse(b.data ?? "{}").message as string);

describe("TC-13: every logs read route is in the matrix", () => {
  it("matches the file tree", () => {
    const gets = routeHandlersInTree("app/api/v1/logs").filter((h) => h.startsWith("GET "));
    expect(gets).toEqual(routes.map((route) => `GET ${route}`).sort());
  });
});

describe.each(backends())("logs read API authorization on %s", (backend) => {
  let api: CastServer;
  let ids: { a: string; b: string };

  beforeAll(async () => {
    api = await startCastServer(backend, async (db, seeded) => {
      await seedLogs(db, seeded.projectA, [{ message: "in A" }]);
      await seedLogs(db, seeded.projectB, [{ message: "in B" }]);
    });
    const all = await call("tokenAdmin", "/api/v1/logs");
    const logs = all.body.logs as LogDto[];
    ids = {
      a: logs.find((l) => l.message === "in A")?.id ?? "",
      b: logs.find((l) => l.message === "in B")?.id ?? "",
    };
  }, 180_000);
  afterAll(async () => api?.cleanup());

  const call = (who: Who, route: string) => callAs(api, who, "GET", route);

  /** The stream's status; the body (an open stream) is not read. */
  const streamStatus = async (who: Who, route: string) => {
    const res = await fetch(api.server.url + route, { headers: headersFor(api, who) });
    await res.body?.cancel();
    return res.status;
  };

  it.each(principals)("%s: the stream answers like the other reads", async (who) => {
    const { projectA, projectB } = api.seeded;
    const got = {
      streamA: await streamStatus(who, `/api/v1/logs/stream?project=${projectA}`),
      streamB: await streamStatus(who, `/api/v1/logs/stream?project=${projectB}`),
    };
    if (unauthenticated.includes(who)) {
      expect(got).toEqual({ streamA: 401, streamB: 401 });
      return;
    }
    expect(got).toEqual({ streamA: 200, streamB: who === "viewer" ? 404 : 200 });
  });

  /** Ingests into project A through the public endpoint, as an app would. */
  const ingestA = async (events: Record<string, unknown>[]) => {
    const res = await fetch(`${api.server.url}/api/v1/logs`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-logwell-key": api.seeded.ingestKeyA },
      body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(202);
  };

  it.each(principals)("%s: listing, one event, export and tail", async (who) => {
    const { projectA, projectB } = api.seeded;
    const cells = {
      list: `/api/v1/logs`,
      listB: `/api/v1/logs?project=${projectB}`,
      getA: `/api/v1/logs/${ids.a}`,
      getB: `/api/v1/logs/${ids.b}`,
      exportAll: `/api/v1/logs/export?format=ndjson`,
      exportB: `/api/v1/logs/export?format=ndjson&project=${projectB}`,
      tailB: `/api/v1/logs/tail?project=${projectB}`,
      tailA: `/api/v1/logs/tail?project=${projectA}`,
    };
    const got: Record<string, number> = {};
    for (const [name, route] of Object.entries(cells)) got[name] = (await call(who, route)).status;
    if (unauthenticated.includes(who)) {
      expect(Object.values(got).every((s) => s === 401)).toBe(true);
      return;
    }
    const seesB = who !== "viewer";
    expect(got).toEqual({
      list: 200,
      listB: seesB ? 200 : 404,
      getA: 200,
      getB: seesB ? 200 : 404,
      exportAll: 200,
      exportB: seesB ? 200 : 404,
      tailB: seesB ? 200 : 404,
      tailA: 200,
    });
    const listed = ((await call(who, cells.list)).body.logs as LogDto[])
      .map((l) => l.message)
      .sort();
    expect(listed).toEqual(seesB ? ["in A", "in B"] : ["in A"]);
    const ndjson = await (
      await fetch(api.server.url + cells.exportAll, { headers: headersFor(api, who) })
    ).text();
    const exported = ndjson
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l).message)
      .sort();
    expect(exported).toEqual(seesB ? ["in A", "in B"] : ["in A"]);
  });

  it("a foreign event, a missing event and a foreign project are indistinguishable 404s", async () => {
    const foreign = await call("viewer", `/api/v1/logs/${ids.b}`);
    const missing = await call("viewer", "/api/v1/logs/987654321");
    expect({ ...foreign.body, request_id: "" }).toEqual({ ...missing.body, request_id: "" });
    const foreignProject = await call("viewer", `/api/v1/logs?project=${api.seeded.projectB}`);
    const missingProject = await call(
      "viewer",
      "/api/v1/logs?project=01900000-0000-7000-8000-000000000000",
    );
    expect({ ...foreignProject.body, request_id: "" }).toEqual({
      ...missingProject.body,
      request_id: "",
    });
  });

  // Last: it ingests into project A, which the listing above counts.
  it("the stream sends matching events from the cursor and resumes from Last-Event-ID", async () => {
    // The tail API's start cursor (now) for the same filters; the stream continues from it.
    const start = (await call("viewer", `/api/v1/logs/tail?level=error`)).body.cursor as string;
    await ingestA([
      { message: "stream A error", level: "error" },
      { message: "stream A info", level: "info" },
    ]);
    const open = (headers: Record<string, string> = {}, cursor = start) =>
      fetch(
        `${api.server.url}/api/v1/logs/stream?level=error&cursor=${encodeURIComponent(cursor)}`,
        { headers: { ...headersFor(api, "viewer"), ...headers } },
      );
    const res = await open();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("no-transform");
    // A burst of events ends with a position message carrying the new resume point.
    const first = await readSse(
      res,
      (b) => b.some((x) => x.event === "log") && b.at(-1)?.event === "position",
    );
    expect(streamedMessages(first)).toEqual(["stream A error"]);
    const lastId = first.at(-1)?.id ?? "";

    await ingestA([{ message: "stream A error 2", level: "error" }]);
    const resumed = await readSse(await open({ "last-event-id": lastId }), (b) =>
      b.some((x) => x.event === "log" && x.data?.includes("stream A error 2")),
    );
    // Resuming may re-send the last ~2 s (the client drops repeats by id); nothing is lost.
    expect(streamedMessages(resumed)).toContain("stream A error 2");
    expect(streamedMessages(resumed)).not.toContain("stream A info");

    const tampered = await open({ "last-event-id": `${lastId.slice(0, -2)}xx` });
    expect(tampered.status).toBe(400);
    expect((await tampered.json()).error).toBe("invalid_cursor");
  });
});
