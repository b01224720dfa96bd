import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/open";
import type { UserRole } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { findLiveAdminToken } from "./admin-tokens";
import { isSafeMethod, isSameOriginRequest } from "./csrf";

export type Principal =
  | { kind: "user"; id: string; email: string; name: string | null; role: UserRole }
  | { kind: "token"; id: string; role: "admin" | "viewer" };

export type UserPrincipal = Extract<Principal, { kind: "user" }>;

const unauthorized = () =>
  new ApiError("unauthorized", "Sign in, or send Authorization: Bearer lw_sec_… (an admin token).");

/**
 * Route handlers: an admin token in `Authorization: Bearer lw_sec_…`, else the session cookie.
 * Any other bearer (an `lw_pub_` ingest key, a revoked or unknown token) is 401 and never falls
 * back to the cookie (AUTH-9). Cookie sessions must pass the Origin check on mutations (AUTH-5).
 */
export async function requireApiPrincipal(request: Request): Promise<Principal> {
  return resolveApiPrincipal(await getDb(), request, sessionUser);
}

/** The same resolution with the database and the session lookup passed in (tests use this). */
export async function resolveApiPrincipal(
  db: Db,
  request: Request,
  currentSessionUser: () => Promise<UserPrincipal | null>,
): Promise<Principal> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const bearer = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
    const token = bearer ? await findLiveAdminToken(db, bearer) : null;
    if (!token) throw unauthorized();
    return { kind: "token", id: token.id, role: token.role };
  }
  const user = await currentSessionUser();
  if (!user) throw unauthorized();
  if (!isSafeMethod(request.method) && !isSameOriginRequest(request)) {
    throw new ApiError("forbidden", "Cross-origin request refused.");
  }
  return user;
}

// Imported lazily: session.ts pulls in next-auth and React's cache, which the token path and
// its tests do not need.
async function sessionUser() {
  const { currentUser } = await import("./session");
  return currentUser();
}
