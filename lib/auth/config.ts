import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getDb } from "@/lib/db/client";
import type { UserRole } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { findInvitedUser, verifyCredentials } from "./credentials";
import { githubUserinfo } from "./github-userinfo";
import { enforceLoginGuard } from "./login-guard";
import { oauthSignInAllowed } from "./oauth-invite";
import { authSecret, isEmbeddedDatabase } from "./secret";
import { endSession, sessionMaxAgeMs, startSession } from "./sessions";

// Built on first use, not at import: `next build` imports this module and must neither need a
// secret nor touch the data folder.
let built: NextAuthConfig | undefined;

function buildConfig(): NextAuthConfig {
  const e = env();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: async (credentials, request) => {
        await enforceLoginGuard(request, credentials?.email);
        return verifyCredentials(await getDb(), credentials);
      },
    }),
  ];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) {
    providers.push(
      GitHub({
        clientId: e.AUTH_GITHUB_ID,
        clientSecret: e.AUTH_GITHUB_SECRET,
        userinfo: githubUserinfo(),
      }),
    );
  }
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  }
  return {
    secret: authSecret(),
    // A single-machine embedded install is reached by whatever host name its owner uses;
    // otherwise Auth.js's own rule applies (AUTH_TRUST_HOST / AUTH_URL / Vercel).
    trustHost: e.AUTH_TRUST_HOST ? e.AUTH_TRUST_HOST === "true" : isEmbeddedDatabase() || undefined,
    // The cookie lives as long as a session may; whether it still counts is the session row's
    // say (idle timeout, sign-out, revocation: lib/auth/sessions.ts).
    session: { strategy: "jwt", maxAge: sessionMaxAgeMs / 1000 },
    pages: { signIn: "/login", error: "/login" },
    providers,
    callbacks: {
      async signIn({ user, account, profile }) {
        if (!account || account.provider === "credentials") return Boolean(user);
        return oauthSignInAllowed(await getDb(), user.email, profile);
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const row =
            account.provider === "credentials"
              ? { id: user.id, role: (user as { role?: UserRole }).role }
              : await findInvitedUser(await getDb(), user.email);
          if (!row?.id) return null;
          token.uid = row.id;
          token.role = row.role;
          token.sid = await startSession(await getDb(), row.id);
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        if (typeof token.sid === "string") session.sessionId = token.sid;
        return session;
      },
    },
    events: {
      // Sign-out ends the session's row, so a copy of the cookie stops working too.
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await endSession(await getDb(), sid);
      },
    },
  };
}

export const {
  handlers,
  auth: uncachedAuth,
  signIn,
  signOut,
} = NextAuth(() => {
  built ??= buildConfig();
  return built;
});
