// Management operations behind the dashboard and API: never the last owner, own password,
// project deletion removes its logs (no FK cascade), key revocation scoped to its project.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createAdminToken, findLiveAdminToken, revokeAdminToken } from "@/lib/auth/admin-tokens";
import { verifyCredentials } from "@/lib/auth/credentials";
import { queryRows } from "@/lib/db/query";
import { ingestKeys, projects } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { createIngestKey, createProject } from "@/lib/projects/create-project";
import { deleteProject } from "@/lib/projects/delete-project";
import { revokeIngestKey } from "@/lib/projects/ingest-keys";
import { changeOwnPassword } from "@/lib/users/change-password";
import { createUser } from "@/lib/users/create-user";
import { changeUserRole, deleteUser } from "@/lib/users/manage-users";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { cast, type SeededCast, seedCast } from "./fixtures";

describe.each(backends())("user and project management on %s", (backend) => {
  const database = useTestDatabase(backend);
  let seeded: SeededCast;

  beforeAll(async () => {
    seeded = await seedCast(database.db);
  });

  it("never removes or demotes the last owner", async () => {
    const db = database.db;
    await expect(changeUserRole(db, seeded.ids.owner, "admin")).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(deleteUser(db, seeded.ids.owner)).rejects.toBeInstanceOf(ApiError);
    const second = await createUser(db, { email: "second-owner@authz.test", role: "owner" });
    await changeUserRole(db, seeded.ids.owner, "admin");
    await expect(deleteUser(db, second.id)).rejects.toMatchObject({ code: "conflict" });
    await changeUserRole(db, seeded.ids.owner, "owner");
    await deleteUser(db, second.id);
    await expect(deleteUser(db, second.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("checks credentials uniformly and changes one's own password", async () => {
    const db = database.db;
    expect(await verifyCredentials(db, cast.viewer)).toMatchObject({ role: "viewer" });
    expect(
      await verifyCredentials(db, { ...cast.viewer, email: "VIEWER@authz.test " }),
    ).not.toBeNull();
    expect(await verifyCredentials(db, { ...cast.viewer, password: "wrong-password" })).toBeNull();
    expect(await verifyCredentials(db, { email: "nobody@authz.test", password: "x" })).toBeNull();
    expect(await verifyCredentials(db, { email: ["a"], password: {} })).toBeNull();

    const wrong = await changeOwnPassword(
      db,
      seeded.ids.viewer,
      {
        current: "nope",
        next: "new-password-123",
        confirm: "new-password-123",
      },
      null,
    );
    expect(wrong.ok).toBe(false);
    const mismatch = await changeOwnPassword(
      db,
      seeded.ids.viewer,
      {
        current: cast.viewer.password,
        next: "new-password-123",
        confirm: "other-password-123",
      },
      null,
    );
    expect(mismatch.ok).toBe(false);
    const ok = await changeOwnPassword(
      db,
      seeded.ids.viewer,
      {
        current: cast.viewer.password,
        next: "new-password-123",
        confirm: "new-password-123",
      },
      null,
    );
    expect(ok.ok).toBe(true);
    expect(await verifyCredentials(db, cast.viewer)).toBeNull();
    expect(
      await verifyCredentials(db, { email: cast.viewer.email, password: "new-password-123" }),
    ).not.toBeNull();
  });

  it("deleting a project removes its keys and all of its logs, and only its logs", async () => {
    const db = database.db;
    const doomed = await createProject(db, { name: "doomed" });
    const kept = await createProject(db, { name: "kept" });
    for (const [projectId, n] of [
      [doomed.project.id, 2500],
      [kept.project.id, 3],
    ] as const) {
      await db.execute(sql`insert into logs (project_id, level, message)
        select ${projectId}::uuid, 30, 'm' || g from generate_series(1, ${n}) g`);
    }
    expect(await deleteProject(db, doomed.project.id)).toEqual({ deletedLogs: 2500, done: true });
    const count = async (id: string) =>
      Number(
        (
          await queryRows<{ n: number }>(
            db,
            sql`select count(*)::int as n from logs where project_id = ${id}`,
          )
        )[0]?.n,
      );
    expect(await count(doomed.project.id)).toBe(0);
    expect(await count(kept.project.id)).toBe(3);
    expect(await db.select().from(projects).where(eq(projects.id, doomed.project.id))).toEqual([]);
    expect(
      await db.select().from(ingestKeys).where(eq(ingestKeys.projectId, doomed.project.id)),
    ).toEqual([]);
  });

  it("revokes a key only within its own project, once", async () => {
    const db = database.db;
    const { ingestKey } = await createIngestKey(db, seeded.projectB, "b-key");
    expect(await revokeIngestKey(db, seeded.projectA, ingestKey.id)).toBeUndefined();
    expect(await revokeIngestKey(db, seeded.projectB, "not-a-uuid")).toBeUndefined();
    expect((await revokeIngestKey(db, seeded.projectB, ingestKey.id))?.revokedAt).toBeInstanceOf(
      Date,
    );
    expect(await revokeIngestKey(db, seeded.projectB, ingestKey.id)).toBeUndefined();
  });

  it("admin tokens: shown once, stored hashed, dead after revocation", async () => {
    const db = database.db;
    const { token, adminToken } = await createAdminToken(
      db,
      { name: "script", role: "viewer" },
      "cli",
    );
    expect(token).toMatch(/^lw_sec_[0-9A-Za-z]{24}$/);
    expect(adminToken.tokenHash).not.toContain(token.slice(7));
    expect(await findLiveAdminToken(db, token)).toMatchObject({ role: "viewer" });
    expect(await revokeAdminToken(db, adminToken.id)).toBe(true);
    expect(await revokeAdminToken(db, adminToken.id)).toBe(false);
    expect(await findLiveAdminToken(db, token)).toBeNull();
    expect(await findLiveAdminToken(db, seeded.ingestKeyA)).toBeNull();
  });
});
