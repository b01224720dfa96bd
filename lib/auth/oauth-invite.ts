import type { Db } from "@/lib/db/open";
import { findInvitedUser } from "./credentials";

/**
 * OAuth sign-in is for invited people only: the provider's email must already be a user
 * (no open sign-up), and the provider must say it verified that email, or anyone could create
 * an account under an invited address's name. Google says so itself; for GitHub,
 * lib/auth/github-userinfo.ts asks GitHub and sets the same flag.
 */
export async function oauthSignInAllowed(
  db: Db,
  email: string | null | undefined,
  profile: { email_verified?: unknown } | undefined,
): Promise<boolean> {
  if (profile?.email_verified !== true) return false;
  return Boolean(await findInvitedUser(db, email));
}
