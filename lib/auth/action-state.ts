import { ApiError } from "@/lib/http/errors";

/** What a dashboard form's server action returns to `useActionState`. */
export interface ActionState {
  ok?: boolean;
  error?: string;
  message?: string;
}

/**
 * Runs a server action body; access and validation failures (ApiError) become a message for the
 * form instead of an error page. Anything else (a redirect, a bug) propagates.
 */
export async function actionResult<T extends ActionState>(
  work: () => Promise<T>,
): Promise<T | ActionState> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
}

/** First zod issue as one line, for a form. */
export function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid input.";
  const field = issue.path.map(String).join(".");
  return field ? `${field.replaceAll("_", " ")}: ${issue.message}` : issue.message;
}
