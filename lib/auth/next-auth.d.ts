// The session JWT carries our user id and role (set in lib/auth/config.ts callbacks).
import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: "owner" | "admin" | "viewer";
  }
}
