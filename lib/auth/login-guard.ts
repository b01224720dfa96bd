import { CredentialsSignin } from "next-auth";
import { clientIp } from "@/lib/http/client-ip";
import { ApiError } from "@/lib/http/errors";
import { enforceLoginLimit } from "@/lib/ratelimit/login";

/** Thrown from `authorize`; the login form shows "too many attempts". */
export class LoginRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

/**
 * Sign-in throttling per client IP and per email, counted before the password is checked and
 * failing closed when the limiter is down (threats AUTH-10, TC-34).
 */
export async function enforceLoginGuard(request: Request, email: unknown): Promise<void> {
  const address = typeof email === "string" ? email.slice(0, 254) : "";
  try {
    await enforceLoginLimit(clientIp(request), address);
  } catch (err) {
    if (err instanceof ApiError && err.code === "rate_limited") throw new LoginRateLimited();
    throw err;
  }
}
