// Issue 11 items 6 and 8 on `npm start`: hostile text cannot inflate the explorer or the event
// page (runs and escape caps, lib/logs/visible-text.ts), an event page for a missing, foreign or
// malformed log id is a real 404, and project names render through the same escapes as logs.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projects } from "@/lib/db/schema";
import { type ServerSeededWith, startServerSeededWith } from "../../support/seed";
import { cast, type SeededCast, seedCast, signInOverHttp } from "../auth/fixtures";
import { seedLogs } from "../logs/seed-logs";

const hostileName = "Pay\u202Eroll\u200B";
const alternating = (n: number) => "\u200B\u200C".repeat(n / 2);
const oneMegabyte = 1024 * 1024;

describe("hostile text on pages (issue 11)", () => {
  let api: ServerSeededWith<SeededCast>;
  let cookie: string;
  let eventId: string;
  let foreignId: string;
  const page = async (path: string) => {
    const res = await fetch(api.server.url + path, { headers: { cookie } });
    return { status: res.status, html: await res.text() };
  };

  beforeAll(async () => {
    api = await startServerSeededWith("pglite", async (db) => {
      const seeded = await seedCast(db);
      await db.update(projects).set({ name: hostileName }).where(eq(projects.id, seeded.projectA));
      // A full explorer page of rows made of escapes, each field at its ingest cap.
      const short = alternating(256);
      const full = {
        message: alternating(2730),
        environment: short,
        release: short,
        logger: short,
      };
      await seedLogs(
        db,
        seeded.projectA,
        Array.from({ length: 60 }, () => full),
      );
      await seedLogs(db, seeded.projectB, [{ message: "secret in B" }]);
      return seeded;
    });
    const signedIn = await signInOverHttp(api.server.url, cast.owner);
    if (!signedIn) throw new Error(`sign-in failed:\n${api.server.output()}`);
    cookie = signedIn;
    // The attack as an outsider mounts it: one event through public ingest, with the key.
    const res = await fetch(`${api.server.url}/api/v1/logs`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-logwell-key": api.seeded.ingestKeyA },
      body: JSON.stringify({
        id: "invisible-run",
        level: "error",
        message: `run ${"\u200B".repeat(100_000)}`,
        stack: `Error\n${"\u200B\n\u0001".repeat(33_000)}`,
        attributes: { note: alternating(100_000) },
      }),
    });
    expect(res.status).toBe(202);
    const listed = await fetch(`${api.server.url}/api/v1/logs?limit=200`, { headers: { cookie } });
    const { logs } = (await listed.json()) as { logs: { id: string; message: string }[] };
    eventId = logs.find((l) => l.message.startsWith("run "))?.id ?? "";
    foreignId = logs.find((l) => l.message === "secret in B")?.id ?? "";
    expect(eventId && foreignId).toBeTruthy();
  }, 240_000);
  afterAll(async () => api?.cleanup());

  it("keeps the explorer page under 1 MB", async () => {
    const { status, html } = await page(`/projects/${api.seeded.projectA}/logs`);
    expect(status).toBe(200);
    expect(Buffer.byteLength(html)).toBeLessThan(oneMegabyte);
    expect(html).toContain("\\u{200B}");
  });

  it("keeps the event page under 1 MB and shows a run once, with its count", async () => {
    const { status, html } = await page(`/projects/${api.seeded.projectA}/logs/${eventId}`);
    expect(status).toBe(200);
    expect(Buffer.byteLength(html)).toBeLessThan(oneMegabyte);
    expect(html).toMatch(/\\u\{200B\}×\d{3,}/);
  });

  it.each([
    ["foreign", () => foreignId],
    ["missing", () => "9223372036854775807"],
    ["malformed", () => "not-an-id"],
  ])("answers 404 for a %s log id, like a missing project", async (_, id) => {
    const { status, html } = await page(`/projects/${api.seeded.projectA}/logs/${id()}`);
    expect(status).toBe(404);
    expect(html).toContain("Not found");
    expect(html).not.toContain("secret in B");
  });

  it.each([
    ["project list", () => "/projects"],
    ["project heading", () => `/projects/${api.seeded.projectA}/logs`],
    ["settings", () => `/projects/${api.seeded.projectA}/settings`],
  ])("shows the project name's bidi and zero-width characters as escapes: %s", async (_, path) => {
    const { status, html } = await page(path());
    expect(status).toBe(200);
    expect(html).toContain("Pay<span data-escape");
    // What the page shows, not what it edits: the settings input keeps the raw name (it is
    // edited as is), and scripts carry it as data for that input.
    const shown = html.replace(/<script[\s\S]*?<\/script>|<input[^>]*>/g, "");
    expect(shown).not.toContain("\u202E");
  });
});
