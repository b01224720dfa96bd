// Access ends when it should: a dashboard token never outlives its creator's admin role, and a
// session ends on sign-out, password change, "sign out of all devices", an owner's reset, idle
// time and age, whoever still holds a copy of its cookie.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createAdminToken, findLiveAdminToken, listAdminTokens } from "@/lib/auth/admin-tokens";
import { verifyCredentials } from "@/lib/auth/credentials";
import {
  endSession,
  endUserSessions,
  listUserSessions,
  loadSessionUser,
  sessionIdleMs,
  sessionMaxAgeMs,
  startSession,
} from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/open";
import { users } from "@/lib/db/schema";
import { changeOwnPassword } from "@/lib/users/change-password";
import { createUser } from "@/lib/users/create-user";
import { changeUserRole, deleteUser } from "@/lib/users/manage-users";
import { resetUserPassword } from "@/lib/users/reset-password";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";

let serial = 0;
async function newUser(db: Db, role: "owner" | "admin" | "viewer", password?: string) {
  serial += 1;
  return createUser(db, { email: `u${serial}-${Date.now()}@revoke.test`, role, password });
}

describe.each(backends())("revocation on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  beforeEach(() => {
    db = database.db;
  });

  describe("API tokens follow their creator's current role", () => {
    it("removing the creator revokes their tokens; the list says the creator was removed", async () => {
      await newUser(db, "owner"); // never the last owner
      const admin = await newUser(db, "admin");
      const made = await createAdminToken(
        db,
        { name: "deploy", role: "admin" },
        { userId: admin.id },
      );
      expect(await findLiveAdminToken(db, made.token)).toMatchObject({ role: "admin" });
      const listed = (await listAdminTokens(db)).find((t) => t.id === made.adminToken.id);
      expect(listed).toMatchObject({ createdVia: "dashboard", creatorEmail: admin.email });

      await deleteUser(db, admin.id);
      expect(await findLiveAdminToken(db, made.token)).toBeNull();
      const after = (await listAdminTokens(db)).find((t) => t.id === made.adminToken.id);
      expect(after).toMatchObject({ createdVia: "dashboard", creatorEmail: null });
      expect(after?.revokedAt).toBeInstanceOf(Date);
    });

    it("demoting the creator to viewer revokes their tokens, and promoting them again does not revive them", async () => {
      const admin = await newUser(db, "admin");
      const made = await createAdminToken(db, { name: "ci", role: "viewer" }, { userId: admin.id });
      await changeUserRole(db, admin.id, "viewer");
      expect(await findLiveAdminToken(db, made.token)).toBeNull();
      await changeUserRole(db, admin.id, "admin");
      expect(await findLiveAdminToken(db, made.token)).toBeNull();
    });

    it("an owner becoming admin keeps their tokens (an admin may hold them)", async () => {
      await newUser(db, "owner");
      const owner = await newUser(db, "owner");
      const made = await createAdminToken(db, { name: "ops", role: "admin" }, { userId: owner.id });
      await changeUserRole(db, owner.id, "admin");
      expect(await findLiveAdminToken(db, made.token)).toMatchObject({ role: "admin" });
    });

    it("is checked where the token is read: a creator made viewer by any other means disables it", async () => {
      const admin = await newUser(db, "admin");
      const made = await createAdminToken(db, { name: "sql", role: "admin" }, { userId: admin.id });
      // The CLI or a hand-run UPDATE changes the role without the revoking code path.
      await db.update(users).set({ role: "viewer" }).where(eq(users.id, admin.id));
      expect(await findLiveAdminToken(db, made.token)).toBeNull();
      await db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
      expect(await findLiveAdminToken(db, made.token)).toMatchObject({ role: "admin" });
    });

    it("CLI tokens belong to the operator and stay as they are", async () => {
      const made = await createAdminToken(db, { name: "operator", role: "admin" }, "cli");
      expect(await findLiveAdminToken(db, made.token)).toMatchObject({ role: "admin" });
      const listed = (await listAdminTokens(db)).find((t) => t.id === made.adminToken.id);
      expect(listed).toMatchObject({ createdVia: "cli", creatorEmail: null });
    });
  });

  describe("sessions", () => {
    it("sign-out ends that session only", async () => {
      const user = await newUser(db, "viewer");
      const a = { userId: user.id, sessionId: await startSession(db, user.id) };
      const b = { userId: user.id, sessionId: await startSession(db, user.id) };
      expect(await loadSessionUser(db, a)).toMatchObject({ id: user.id, role: "viewer" });
      await endSession(db, a.sessionId);
      expect(await loadSessionUser(db, a)).toBeNull();
      expect(await loadSessionUser(db, b)).toMatchObject({ id: user.id });
    });

    it("a session id is bound to its user", async () => {
      const one = await newUser(db, "viewer");
      const other = await newUser(db, "admin");
      const sessionId = await startSession(db, one.id);
      expect(await loadSessionUser(db, { userId: other.id, sessionId })).toBeNull();
    });

    it("a password change ends every other session and keeps the one that made it", async () => {
      const user = await newUser(db, "viewer", "first-password-1");
      const here = { userId: user.id, sessionId: await startSession(db, user.id) };
      const elsewhere = { userId: user.id, sessionId: await startSession(db, user.id) };
      const result = await changeOwnPassword(
        db,
        user.id,
        { current: "first-password-1", next: "second-password-2", confirm: "second-password-2" },
        here.sessionId,
      );
      expect(result.ok).toBe(true);
      expect(await loadSessionUser(db, here)).not.toBeNull();
      expect(await loadSessionUser(db, elsewhere)).toBeNull();
    });

    it("a refused password change ends nothing", async () => {
      const user = await newUser(db, "viewer", "first-password-1");
      const elsewhere = { userId: user.id, sessionId: await startSession(db, user.id) };
      const result = await changeOwnPassword(
        db,
        user.id,
        { current: "wrong-password", next: "second-password-2", confirm: "second-password-2" },
        null,
      );
      expect(result.ok).toBe(false);
      expect(await loadSessionUser(db, elsewhere)).not.toBeNull();
    });

    it("signing out of all devices ends every session, this one too", async () => {
      const user = await newUser(db, "admin");
      const sessions = [await startSession(db, user.id), await startSession(db, user.id)];
      expect(await endUserSessions(db, user.id)).toBe(2);
      for (const sessionId of sessions) {
        expect(await loadSessionUser(db, { userId: user.id, sessionId })).toBeNull();
      }
      expect(await listUserSessions(db, user.id)).toEqual([]);
    });

    it("an owner's reset stops the old password and ends every session", async () => {
      const user = await newUser(db, "viewer", "old-password-1");
      const session = { userId: user.id, sessionId: await startSession(db, user.id) };
      const token = await resetUserPassword(db, user.id);
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(await loadSessionUser(db, session)).toBeNull();
      expect(
        await verifyCredentials(db, { email: user.email, password: "old-password-1" }),
      ).toBeNull();
    });

    it("a session ends when idle too long, and when too old however busy; use renews it", async () => {
      const user = await newUser(db, "viewer");
      const t0 = new Date("2026-01-01T00:00:00Z");
      const at = (ms: number) => new Date(t0.getTime() + ms);
      const session = { userId: user.id, sessionId: await startSession(db, user.id, t0) };
      // Used just before the idle limit each time: it keeps going...
      let now = 0;
      while (now + sessionIdleMs - 60_000 < sessionMaxAgeMs) {
        now += sessionIdleMs - 60_000;
        expect(await loadSessionUser(db, session, at(now))).not.toBeNull();
      }
      // ...until its maximum age, however recently used.
      expect(await loadSessionUser(db, session, at(sessionMaxAgeMs + 1000))).toBeNull();

      const idle = { userId: user.id, sessionId: await startSession(db, user.id, t0) };
      expect(await loadSessionUser(db, idle, at(sessionIdleMs + 1000))).toBeNull();
      // A new sign-in clears the ended rows.
      await startSession(db, user.id, at(sessionMaxAgeMs + 2000));
      expect(await listUserSessions(db, user.id, at(sessionMaxAgeMs + 2000))).toHaveLength(1);
    });
  });
});
