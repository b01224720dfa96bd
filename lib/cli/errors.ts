import { z } from "zod";
import { DataDirBusyError } from "@/lib/db/data-dir-lock";
import { isDatabaseUnavailable, isUniqueViolation } from "@/lib/db/errors";
import { escapeForTerminal } from "./output";

/** A mistake in how the command was called: exit code 2 and the usage hint. */
export class UsageError extends Error {}

/**
 * An operator-facing sentence and exit code for anything a command throws. Expected failures
 * never print a stack trace; unexpected ones print the error's message only.
 */
export function describeFailure(err: unknown): { message: string; exitCode: number } {
  if (err instanceof UsageError) return { message: err.message, exitCode: 2 };
  if (err instanceof z.ZodError)
    return { message: `Invalid input:\n${z.prettifyError(err)}`, exitCode: 2 };
  if (err instanceof DataDirBusyError) return { message: err.message, exitCode: 1 };
  if (isDatabaseUnavailable(err)) {
    return {
      message: "The database is unavailable (is DATABASE_URL right and the server up?).",
      exitCode: 1,
    };
  }
  if (isUniqueViolation(err)) {
    return { message: "That already exists (unique value taken).", exitCode: 1 };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { message: `Failed: ${escapeForTerminal(message)}`, exitCode: 1 };
}
