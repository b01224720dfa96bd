// Shared by the auth tests: a seeded cast of principals, and signing in over real HTTP.
import { eq } from "drizzle-orm";
import { createAdminToken, revokeAdminToken } from "@/lib/auth/admin-tokens";
import type { Db } from "@/lib/db/open";
import { projectMembers, users } from "@/lib/db/schema";
import { createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/users/create-user";
import type { BackendName } from "../../support/db";
import { type ServerSeededWith, startServerSeededWith } from "../../support/seed";

export const cast = {
  owner: { email: "owner@authz.test", password: "owner-password-1" },
  admin: { email: "admin@authz.test", password: "admin-password-1" },
  viewer: { email: "viewer@authz.test", password: "viewer-password-1" },
};

export interface SeededCast {
  ids: { owner: string; admin: string; viewer: string };
  /** The viewer is a member of projectA only. */
  projectA: string;
  projectB: string;
  ingestKeyA: string;
  ingestKeyIdA: string;
  tokens: { admin: string; viewer: string; revoked: string };
  tokenIds: { admin: string; viewer: string };
}

export async function seedCast(db: Db): Promise<SeededCast> {
  const owner = await createUser(db, { ...cast.owner, role: "owner" });
  const admin = await createUser(db, { ...cast.admin, role: "admin" });
  const viewer = await createUser(db, { ...cast.viewer, role: "viewer" });
  const a = await createProject(db, { name: "Project A" });
  const b = await createProject(db, { name: "Project B" });
  await db.insert(projectMembers).values({ projectId: a.project.id, userId: viewer.id });
  const adminToken = await createAdminToken(
    db,
    { name: "ci admin", role: "admin" },
    { userId: owner.id },
  );
  const viewerToken = await createAdminToken(
    db,
    { name: "ci viewer", role: "viewer" },
    { userId: owner.id },
  );
  const revoked = await createAdminToken(db, { name: "old", role: "admin" }, { userId: owner.id });
  await revokeAdminToken(db, revoked.adminToken.id);
  return {
    ids: { owner: owner.id, admin: admin.id, viewer: viewer.id },
    projectA: a.project.id,
    projectB: b.project.id,
    ingestKeyA: a.key,
    ingestKeyIdA: a.ingestKey.id,
    tokens: { admin: adminToken.token, viewer: viewerToken.token, revoked: revoked.token },
    tokenIds: { admin: adminToken.adminToken.id, viewer: viewerToken.adminToken.id },
  };
}

export async function userRole(db: Db, id: string) {
  const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, id));
  return row?.role;
}

function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
}

/**
 * Signs in through Auth.js's own credentials endpoint (CSRF token, then the callback) and
 * returns the Cookie header a browser would send. Null when the sign-in was refused.
 */
export async function signInOverHttp(
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<string | null> {
  return (await signInAttempt(baseUrl, credentials)).cookie;
}

/** One sign-in attempt: the session cookie (or null) and where Auth.js redirected. */
export async function signInAttempt(
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<{ cookie: string | null; location: string }> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiePairs(csrf).join("; "),
    },
    body: new URLSearchParams({ ...credentials, csrfToken, callbackUrl: `${baseUrl}/projects` }),
  });
  const session = cookiePairs(res).find((c) => /^(__Secure-)?authjs\.session-token=./.test(c));
  return { cookie: session ?? null, location: res.headers.get("location") ?? "" };
}

export type CastServer = ServerSeededWith<SeededCast> & {
  /** Session cookies of the three signed-in users. */
  cookies: Record<"owner" | "admin" | "viewer", string>;
};

/**
 * `npm start`'s server on a database seeded with the cast (and whatever `alsoSeed` adds to it), its
 * three users signed in.
 */
export async function startCastServer(
  backend: BackendName,
  alsoSeed?: (db: Db, seeded: SeededCast) => Promise<void>,
): Promise<CastServer> {
  const started = await startServerSeededWith(backend, async (db) => {
    const seeded = await seedCast(db);
    await alsoSeed?.(db, seeded);
    return seeded;
  });
  const signIn = async (who: keyof typeof cast) => {
    const cookie = await signInOverHttp(started.server.url, cast[who]);
    if (!cookie) throw new Error(`could not sign in ${who}:\n${started.server.output()}`);
    return cookie;
  };
  return {
    ...started,
    cookies: {
      owner: await signIn("owner"),
      admin: await signIn("admin"),
      viewer: await signIn("viewer"),
    },
  };
}
