// Sign-in throttling per client IP and per email, failing closed (threat AUTH-10).
// Placeholder wiring is replaced once lib/ratelimit/login.ts exists.
import { CredentialsSignin } from "next-auth";

/** Thrown from `authorize`; the login form shows "too many attempts". */
export class LoginRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

export async function enforceLoginGuard(_request: Request, _email: unknown): Promise<void> {}
