// GET|POST /api/auth/* — Auth.js endpoints (sign-in callbacks, session, sign-out, CSRF token)
import { handlers } from "@/lib/auth/config";

export const { GET, POST } = handlers;
