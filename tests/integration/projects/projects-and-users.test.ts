import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ingestKeys, users } from "@/lib/db/schema";
import { hashSecret, looksLikeIngestKey } from "@/lib/keys/secrets";
import { createIngestKey, createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/users/create-user";
import { verifyPassword } from "@/lib/users/password";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";

describe.each(backends())("projects, keys and users on %s", (backend) => {
  const database = useTestDatabase(backend);

  it("creates a project with a public key, looked up by its hash and kept whole to show again", async () => {
    const { project, key, ingestKey } = await createProject(database.db, { name: "web" });
    expect(looksLikeIngestKey(key)).toBe(true);
    expect(ingestKey.keyHash).toBe(hashSecret(key));
    expect(ingestKey.prefix).toBe(key.slice(0, 11));
    const second = await createIngestKey(database.db, project.id, "ios");
    expect(second.key).not.toBe(key);
    const stored = await database.db
      .select()
      .from(ingestKeys)
      .where(eq(ingestKeys.projectId, project.id));
    expect(stored).toHaveLength(2);
    // An ingest key is public (it ships in client apps): kept whole for the settings page.
    expect(stored.map((k) => k.key).sort()).toEqual([key, second.key].sort());
  });

  it("numbers projects uniquely, each new one after the last", async () => {
    const first = await createProject(database.db, { name: "one" });
    const second = await createProject(database.db, { name: "two" });
    expect(first.project.number).toBeGreaterThan(0);
    expect(second.project.number).toBeGreaterThan(first.project.number);
  });

  it("creates a user with a scrypt hash that verifies only the right password", async () => {
    const user = await createUser(database.db, {
      email: "Owner@Example.com",
      password: "correct horse battery",
      role: "owner",
    });
    expect(user.email).toBe("owner@example.com");
    const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^scrypt\$/);
    expect(row?.passwordHash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", row?.passwordHash ?? "")).toBe(true);
    expect(await verifyPassword("wrong horse battery", row?.passwordHash ?? "")).toBe(false);
  });
});
