import type { Db } from "@/lib/db/open";
import { setUserPassword } from "@/lib/users/reset-password";
import { UsageError } from "../errors";
import { escapeForTerminal as esc, type Output } from "../output";
import { readPasswordFromStdin } from "./stdin";

type Flags = Record<string, string | boolean | undefined>;

/**
 * `user reset-password --email E [--password-stdin] [--json]`: the operator's way back in when no
 * owner can sign in. Without a password on stdin a random one is made and printed once. Every
 * session of the user ends either way.
 */
export async function resetPasswordCommand(db: Db, flags: Flags, out: Output) {
  const email = typeof flags.email === "string" ? flags.email : "";
  if (!email) throw new UsageError("--email is required.");
  if (flags.password !== undefined) {
    throw new UsageError("Pass the new password with --password-stdin, or none for a random one.");
  }
  const given = flags["password-stdin"] ? await readPasswordFromStdin() : undefined;
  // A password outside the one rule (lib/users/password.ts) is a ZodError: exit 2, like usage.
  const result = await setUserPassword(db, email, given);
  if (!result) throw new UsageError(`No user has the email ${esc(email)}.`);
  if (flags.json) {
    return out.json({ email, password: result.generated ? result.password : undefined });
  }
  out.line(`Password reset for ${esc(email)}; every session of this user was signed out.`);
  if (result.generated) out.line(`New password (shown once): ${result.password}`);
}
