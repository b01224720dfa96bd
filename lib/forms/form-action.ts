import "server-only";
import type { z } from "zod";
import { requireRole } from "@/lib/auth/access";
import { requirePageUser, type UserPrincipal } from "@/lib/auth/session";
import { ApiError } from "@/lib/http/errors";
import type { FieldSpecs } from "./field-spec";
import type { FormState } from "./form-state";
import { issueInWords } from "./issue-words";

export type FormRole = "anyone" | "viewer" | "admin" | "owner";

export interface FormSpec<F extends string, S extends z.ZodType, R extends FormRole> {
  fields: FieldSpecs<F>;
  schema: S;
  /** Who may submit: any signed-in user ("viewer"), a role, or "anyone" (first-run setup). */
  role: R;
  /** The submitted text → the schema's input (default: the text as it is). */
  toInput?: (values: Record<F, string>) => unknown;
}

export interface FormContext<F extends string, R extends FormRole> {
  user: R extends "anyone" ? null : UserPrincipal;
  values: Record<F, string>;
}

function submitted<F extends string>(fields: FieldSpecs<F>, form: FormData): Record<F, string> {
  const values = {} as Record<F, string>;
  for (const name of Object.keys(fields) as F[]) {
    const all = form.getAll(name).filter((v): v is string => typeof v === "string");
    values[name] = fields[name].multiple ? all.join("\n") : (all[0] ?? "");
  }
  return values;
}

/** The values a refused form shows again: everything typed except secrets. */
function echo<F extends string>(fields: FieldSpecs<F>, values: Record<F, string>) {
  const shown: Partial<Record<F, string>> = {};
  for (const name of Object.keys(fields) as F[]) {
    if (!fields[name].secret) shown[name] = values[name];
  }
  return shown;
}

function wordsFor<F extends string>(
  fields: FieldSpecs<F>,
  values: Record<F, string>,
  error: z.ZodError,
): Pick<FormState<F>, "error" | "fieldErrors"> {
  const fieldErrors: Partial<Record<F, string>> = {};
  let formError: string | undefined;
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? "") as F;
    if (Object.hasOwn(fields, name)) {
      fieldErrors[name] ??= issueInWords(issue, fields[name], values[name]);
    } else {
      formError ??= issueInWords(issue, undefined);
    }
  }
  return { fieldErrors, ...(formError && { error: formError }) };
}

/**
 * One server action for one form: checks the session and role, reads the declared fields,
 * parses them, then runs. A refusal (schema, ApiError or `run` returning no `ok`) comes back
 * with the submitted values (secrets excepted) and per-field messages in words. Arguments bound
 * with `.bind(null, …)` arrive before the form state; they come from the browser too, so `run`
 * checks them (the lib functions it calls do). Redirects and bugs propagate.
 */
export function formAction<
  F extends string,
  S extends z.ZodType,
  R extends FormRole,
  T extends FormState<F>,
  A extends unknown[] = [],
>(
  spec: FormSpec<F, S, R>,
  run: (data: z.output<S>, context: FormContext<F, R>, ...bound: A) => Promise<T>,
): (...args: [...A, T | FormState<F>, FormData]) => Promise<T | FormState<F>> {
  return async (...args) => {
    const form = args.at(-1);
    if (!(form instanceof FormData)) throw new TypeError("expected a form submission");
    const bound = args.slice(0, -2) as A;
    const user = spec.role === "anyone" ? null : await requirePageUser();
    const values = submitted(spec.fields, form);
    const refused = (state: FormState<F>) => ({ ...state, values: echo(spec.fields, values) });
    try {
      if (user && (spec.role === "admin" || spec.role === "owner")) requireRole(user, spec.role);
      const parsed = spec.schema.safeParse(spec.toInput ? spec.toInput(values) : values);
      if (!parsed.success) return refused(wordsFor(spec.fields, values, parsed.error));
      const context = { user, values } as FormContext<F, R>;
      const result = await run(parsed.data, context, ...bound);
      return result.ok ? result : refused(result);
    } catch (err) {
      if (err instanceof ApiError) return refused({ error: err.message });
      throw err;
    }
  };
}
