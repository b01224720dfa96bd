// The session JWT carries our user id, role and session row id (set in lib/auth/config.ts
// callbacks); the session object hands the row id to lib/auth/session.ts.
import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: "owner" | "admin" | "viewer";
    sid?: string;
  }
}

declare module "next-auth" {
  interface Session {
    sessionId?: string;
  }
}
