// Teammates: an owner's invite (user row, a viewer's projects, a one-time link to choose a
// password) and an owner's reset link. Links are one-time, expiring, replaced by newer ones.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/credentials";
import { loadSessionUser, startSession } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/open";
import { projectMembers, users } from "@/lib/db/schema";
import { createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/users/create-user";
import { inviteUser } from "@/lib/users/invite-user";
import {
  createPasswordLink,
  findPasswordLink,
  passwordLinkLifetimeMs,
  redeemPasswordLink,
} from "@/lib/users/password-links";
import { resetUserPassword } from "@/lib/users/reset-password";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";

const password = { password: "chosen-password-1", confirm: "chosen-password-1" };

describe.each(backends())("invites and reset links on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let shop: string;
  let blog: string;
  beforeAll(async () => {
    db = database.db;
    shop = (await createProject(db, { name: "Shop" })).project.id;
    blog = (await createProject(db, { name: "Blog" })).project.id;
  });

  it("an invited viewer gets the chosen projects and a link that sets the password once", async () => {
    const invited = await inviteUser(db, {
      email: "Ana@Invite.test",
      role: "viewer",
      projectIds: [shop],
    });
    expect(invited.projects).toEqual(["Shop"]);
    const members = await db
      .select({ projectId: projectMembers.projectId })
      .from(projectMembers)
      .where(eq(projectMembers.userId, invited.user.id));
    expect(members.map((m) => m.projectId)).toEqual([shop]);
    expect(await findPasswordLink(db, invited.token)).toMatchObject({
      purpose: "invite",
      email: "ana@invite.test",
    });
    // No password yet: nothing signs in with one.
    expect(await verifyCredentials(db, { email: "ana@invite.test", ...password })).toBeNull();

    expect(await redeemPasswordLink(db, invited.token, { ...password, name: "Ana" })).toEqual({
      email: "ana@invite.test",
    });
    expect(
      await verifyCredentials(db, { email: "ana@invite.test", password: password.password }),
    ).toMatchObject({ name: "Ana", role: "viewer" });
    expect(await findPasswordLink(db, invited.token)).toBeNull();
    await expect(redeemPasswordLink(db, invited.token, password)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("a link expires, and a newer link replaces the older one", async () => {
    const user = await createUser(db, { email: "late@invite.test" });
    const t0 = new Date();
    const old = await createPasswordLink(db, user.id, "invite", t0);
    const afterAWeek = new Date(t0.getTime() + passwordLinkLifetimeMs.invite + 1000);
    expect(await findPasswordLink(db, old, afterAWeek)).toBeNull();
    await expect(redeemPasswordLink(db, old, password, afterAWeek)).rejects.toMatchObject({
      code: "not_found",
    });
    const newer = await createPasswordLink(db, user.id, "invite");
    expect(await findPasswordLink(db, old)).toBeNull();
    expect(await findPasswordLink(db, newer)).not.toBeNull();
  });

  it("an invite naming a missing project creates nothing", async () => {
    await expect(
      inviteUser(db, {
        email: "nobody@invite.test",
        role: "viewer",
        projectIds: [blog, "0190a0a0-0000-7000-8000-000000000000"],
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await db.select().from(users).where(eq(users.email, "nobody@invite.test"))).toEqual([]);
  });

  it("malformed and unknown tokens are refused alike", async () => {
    for (const token of ["", "short", "x".repeat(32), "a/b".repeat(11), "x".repeat(10_000)]) {
      expect(await findPasswordLink(db, token)).toBeNull();
      await expect(redeemPasswordLink(db, token, password)).rejects.toMatchObject({
        code: "not_found",
      });
    }
  });

  it("an owner's reset stops the old password and every session, and its link sets a new one", async () => {
    const user = await createUser(db, { email: "reset@invite.test", password: "old-password-1" });
    const session = { userId: user.id, sessionId: await startSession(db, user.id) };
    const token = await resetUserPassword(db, user.id);
    expect(await loadSessionUser(db, session)).toBeNull();
    expect(
      await verifyCredentials(db, { email: user.email, password: "old-password-1" }),
    ).toBeNull();
    expect(await findPasswordLink(db, token)).toMatchObject({ purpose: "reset" });
    await redeemPasswordLink(db, token, password);
    expect(
      await verifyCredentials(db, { email: user.email, password: password.password }),
    ).toMatchObject({ id: user.id });
  });

  it("two uses of one link at once: exactly one succeeds", async () => {
    const user = await createUser(db, { email: "race@invite.test" });
    const token = await createPasswordLink(db, user.id, "invite");
    const outcomes = await Promise.allSettled([
      redeemPasswordLink(db, token, password),
      redeemPasswordLink(db, token, { password: "other-password-2", confirm: "other-password-2" }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
  });
});
