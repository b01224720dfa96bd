import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ingestKeys, projects } from "@/lib/db/schema";
import { authenticateIngestKey, forgetIngestKeys, presentedKey } from "@/lib/ingest/request/keys";
import { generateSecret } from "@/lib/keys/secrets";
import { backends } from "../../../support/db";
import { seedProject } from "../../../support/seed";
import { useTestDatabase } from "../../../support/use-database";

const request = (headers: Record<string, string>, query = "") =>
  new Request(`http://localhost/api/v1/logs${query}`, { method: "POST", headers });

describe("presentedKey", () => {
  it("reads X-Logwell-Key, then Bearer, then ?key=", () => {
    expect(
      presentedKey(request({ "x-logwell-key": "a", authorization: "Bearer b" }, "?key=c")),
    ).toBe("a");
    expect(presentedKey(request({ authorization: "Bearer b" }, "?key=c"))).toBe("b");
    expect(presentedKey(request({ authorization: "bearer  b " }))).toBe("b");
    expect(presentedKey(request({}, "?key=c"))).toBe("c");
    expect(presentedKey(request({ authorization: "Basic xyz" }))).toBeUndefined();
  });
});

describe.each(backends())("ingest key authentication on %s", (backend) => {
  const database = useTestDatabase(backend);

  it.each([
    ["missing", undefined],
    ["malformed", "not-a-key"],
    ["an admin token (threat AUTH-9)", generateSecret("lw_sec_")],
    ["unknown", generateSecret("lw_pub_")],
  ])("401 invalid_key when %s", async (_name, key) => {
    await expect(authenticateIngestKey(database.db, key)).rejects.toMatchObject({
      code: "invalid_key",
      status: 401,
    });
  });

  it("a revoked key stops at once in this process after forgetIngestKeys, else within the TTL", async () => {
    const seeded = await seedProject(database.db);
    const now = Date.now();
    const principal = await authenticateIngestKey(database.db, seeded.key, now);
    expect(principal).toMatchObject({ keyId: seeded.keyId, project: { id: seeded.id } });
    await database.db
      .update(ingestKeys)
      .set({ revokedAt: new Date() })
      .where(eq(ingestKeys.id, seeded.keyId));
    // Still cached: another instance would keep accepting it until the 30 s TTL runs out.
    await expect(authenticateIngestKey(database.db, seeded.key, now + 1_000)).resolves.toBeTruthy();
    await expect(
      authenticateIngestKey(database.db, seeded.key, now + 31_000),
    ).rejects.toMatchObject({
      code: "invalid_key",
    });
    const other = await seedProject(database.db);
    await authenticateIngestKey(database.db, other.key);
    await database.db
      .update(ingestKeys)
      .set({ revokedAt: new Date() })
      .where(eq(ingestKeys.id, other.keyId));
    forgetIngestKeys({ keyId: other.keyId });
    await expect(authenticateIngestKey(database.db, other.key)).rejects.toMatchObject({
      code: "invalid_key",
    });
  });

  it("concurrent first requests with one key share a single lookup", async () => {
    const seeded = await seedProject(database.db);
    const principals = await Promise.all(
      Array.from({ length: 20 }, () => authenticateIngestKey(database.db, seeded.key)),
    );
    expect(new Set(principals).size).toBe(1);
    expect(principals[0]?.project.id).toBe(seeded.id);
  });

  it("forgetting a project picks up its new settings", async () => {
    const seeded = await seedProject(database.db);
    expect((await authenticateIngestKey(database.db, seeded.key)).project.allowedOrigins).toEqual(
      [],
    );
    await database.db
      .update(projects)
      .set({ allowedOrigins: ["https://app.example.com"], ipStorage: "none" })
      .where(eq(projects.id, seeded.id));
    forgetIngestKeys({ projectId: seeded.id });
    expect((await authenticateIngestKey(database.db, seeded.key)).project).toMatchObject({
      allowedOrigins: ["https://app.example.com"],
      ipStorage: "none",
    });
  });

  it("updates last_used_at at most once a minute, off the request path", async () => {
    const seeded = await seedProject(database.db);
    const lastUsed = async () =>
      (await database.db.select().from(ingestKeys).where(eq(ingestKeys.id, seeded.keyId)))[0]
        ?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    const now = Date.now();
    await authenticateIngestKey(database.db, seeded.key, now);
    let first: Date | null = null;
    for (let i = 0; i < 50 && !first; i++) {
      first = await lastUsed();
      if (!first) await new Promise((r) => setTimeout(r, 20));
    }
    expect(first).toBeInstanceOf(Date);
    for (let i = 1; i <= 5; i++)
      await authenticateIngestKey(database.db, seeded.key, now + i * 1_000);
    await new Promise((r) => setTimeout(r, 50));
    expect((await lastUsed())?.getTime()).toBe(first?.getTime());
  });
});
