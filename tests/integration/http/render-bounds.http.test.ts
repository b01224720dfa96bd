// Issue 11 items 6 and 8 on `npm start`: hostile text cannot inflate the explorer, the event
// page, the issue list or the issue page (runs and escape caps, lib/logs/visible-text.ts), an
// event or issue page for a missing, foreign or malformed id is a real 404, and project names
// render through the same escapes as logs.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issues, projects } from "@/lib/db/schema";
import { issueIdFor } from "@/lib/issues/issue-id";
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
  let issueId: string;
  const foreignIssue = { id: "" };
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
      const foreign = issueIdFor(seeded.projectB, 1, "secret");
      foreignIssue.id = foreign.toString();
      await db.insert(issues).values({
        id: foreign,
        projectId: seeded.projectB,
        groupingKey: "secret",
        groupingVersion: 1,
        title: "secret issue in B",
        level: 50,
        firstSeen: new Date(),
        lastSeen: new Date(),
        eventCount: 1,
      });
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
    const { logs } = (await listed.json()) as {
      logs: { id: string; message: string; issue_id: string | null }[];
    };
    const run = logs.find((l) => l.message.startsWith("run "));
    eventId = run?.id ?? "";
    issueId = run?.issue_id ?? "";
    expect(issueId).toBeTruthy();
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

  it("keeps the issue list and the issue page under 1 MB", async () => {
    for (const path of [
      `/projects/${api.seeded.projectA}/issues`,
      `/projects/${api.seeded.projectA}/issues/${issueId}`,
    ]) {
      const { status, html } = await page(path);
      expect(status, path).toBe(200);
      expect(Buffer.byteLength(html), path).toBeLessThan(oneMegabyte);
      expect(html, path).toContain("\\u{200B}");
    }
  });

  it.each([
    ["foreign", () => foreignIssue.id],
    ["missing", () => "9223372036854775807"],
    ["malformed", () => "not-an-id"],
  ])("answers 404 for a %s issue id, like a missing project", async (_, id) => {
    const { status, html } = await page(`/projects/${api.seeded.projectA}/issues/${id()}`);
    expect(status).toBe(404);
    expect(html).toContain("Not found");
    expect(html).not.toContain("secret issue in B");
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
