import { z } from "zod";

// Auth.js's GitHub provider takes the public profile email, or else the primary address from
// /user/emails, without asking whether GitHub verified it: an account holding an unverified
// copy of an invited address could sign in as that person. Here the email is always the
// primary address GitHub has verified, or none, and `email_verified` says which.

const githubEmailsSchema = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }),
);

/** The primary, verified address from GitHub's `GET /user/emails`; null for anything else. */
export function verifiedPrimaryEmail(emails: unknown): string | null {
  const parsed = githubEmailsSchema.safeParse(emails);
  if (!parsed.success) return null;
  return parsed.data.find((e) => e.primary && e.verified)?.email ?? null;
}

/** The provider's `userinfo` with the email replaced by the verified primary one. */
export function githubUserinfo(apiBaseUrl = "https://api.github.com") {
  return {
    url: `${apiBaseUrl}/user`,
    async request({ tokens }: { tokens: { access_token?: string } }) {
      const headers = { Authorization: `Bearer ${tokens.access_token}`, "User-Agent": "logwell" };
      const [profile, emails] = await Promise.all([
        fetch(`${apiBaseUrl}/user`, { headers }).then((r) => r.json()),
        fetch(`${apiBaseUrl}/user/emails`, { headers }).then((r) => (r.ok ? r.json() : [])),
      ]);
      const email = verifiedPrimaryEmail(emails);
      return { ...profile, email, email_verified: email !== null };
    },
  };
}
