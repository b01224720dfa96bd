import type { Db } from "@/lib/db/open";
import { findInvitedUser } from "./credentials";

/**
 * OAuth sign-in is for invited people only: the provider's email must already be a user
 * (no open sign-up), and Google must say it verified that email, or anyone could create a
 * Google account under an invited address's name.
 */
export async function oauthSignInAllowed(
  db: Db,
  provider: string,
  email: string | null | undefined,
  profile: { email_verified?: unknown } | undefined,
): Promise<boolean> {
  if (provider === "google" && profile?.email_verified !== true) return false;
  return Boolean(await findInvitedUser(db, email));
}
