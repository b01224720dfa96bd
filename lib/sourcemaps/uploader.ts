import { requireRole } from "@/lib/auth/access";
import { requireApiPrincipal } from "@/lib/auth/principal";

/**
 * Who may upload source maps: an admin token (`Authorization: Bearer lw_sec_…`, what sentry-cli
 * sends as SENTRY_AUTH_TOKEN) or a signed-in admin. A viewer token is 403, anything else 401.
 */
export async function requireUploader(request: Request): Promise<void> {
  const principal = await requireApiPrincipal(request);
  requireRole(principal, "admin");
}
