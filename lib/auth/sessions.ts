import { and, desc, eq, gt, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { userSessions, users } from "@/lib/db/schema";
import type { UserPrincipal } from "./principal";

// Server-side sessions behind the JWT cookie. A JWT alone cannot be taken back: a copied cookie
// worked for its whole life after sign-out or a password change. Each cookie now names a row
// here, and a session is live only while its row is.

/** A session unused this long ends (rolling: every use pushes it on). */
export const sessionIdleMs = 3 * 24 * 3600_000;
/** However busy, a session ends this long after sign-in; also the cookie's own lifetime. */
export const sessionMaxAgeMs = 14 * 24 * 3600_000;
// last_seen_at is written at most this often per session, so page loads do not each write.
const touchEveryMs = 5 * 60_000;

const live = (now: Date) =>
  and(
    gt(userSessions.lastSeenAt, new Date(now.getTime() - sessionIdleMs)),
    gt(userSessions.createdAt, new Date(now.getTime() - sessionMaxAgeMs)),
  );

/** Records a sign-in; returns the id the JWT carries. Clears the user's ended sessions. */
export async function startSession(db: Db, userId: string, now = new Date()): Promise<string> {
  await db
    .delete(userSessions)
    .where(
      and(
        eq(userSessions.userId, userId),
        or(
          lt(userSessions.lastSeenAt, new Date(now.getTime() - sessionIdleMs)),
          lt(userSessions.createdAt, new Date(now.getTime() - sessionMaxAgeMs)),
        ),
      ),
    );
  const [row] = await db
    .insert(userSessions)
    .values({ userId, createdAt: now, lastSeenAt: now })
    .returning({ id: userSessions.id });
  if (!row) throw new Error("insert into user_sessions returned no row");
  return row.id;
}

/**
 * The user behind a session as the database has it now: null once the session ended (signed
 * out, revoked, idle or too old) or the user was removed; the current role after a change.
 */
export async function loadSessionUser(
  db: Db,
  session: { userId: string; sessionId: string },
  now = new Date(),
): Promise<UserPrincipal | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      lastSeenAt: userSessions.lastSeenAt,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(
      and(
        eq(userSessions.id, session.sessionId),
        eq(userSessions.userId, session.userId),
        live(now),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > touchEveryMs) {
    await db
      .update(userSessions)
      .set({ lastSeenAt: now })
      .where(eq(userSessions.id, session.sessionId));
  }
  return { kind: "user", id: row.id, email: row.email, name: row.name, role: row.role };
}

/** Sign-out: this session only. */
export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.id, sessionId));
}

/**
 * Every session of the user but `keep` (a password change keeps the browser that made it), or
 * all of them ("sign out of all devices", an owner's reset). Returns how many ended.
 */
export async function endUserSessions(db: Db, userId: string, keep?: string): Promise<number> {
  const rows = await db
    .delete(userSessions)
    .where(and(eq(userSessions.userId, userId), keep ? ne(userSessions.id, keep) : sql`true`))
    .returning({ id: userSessions.id });
  return rows.length;
}

/** The user's live sessions, newest use first, for the account page. */
export async function listUserSessions(db: Db, userId: string, now = new Date()) {
  return db
    .select({
      id: userSessions.id,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
    })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), live(now)))
    .orderBy(desc(userSessions.lastSeenAt));
}
