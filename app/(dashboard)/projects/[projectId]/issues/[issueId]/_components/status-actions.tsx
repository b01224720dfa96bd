"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/_ui/form-status";
import type { FormState } from "@/lib/forms/form-state";
import type { IssueDto } from "@/lib/issues/dto";
import { LocalDateTimeInput } from "../../../logs/_components/local-datetime-input";
import type { StatusChange, StatusField } from "../../status-form-data";

/** Which change a form asks for: every form posts the same action. */
const change = (value: StatusChange) => <input type="hidden" name="change" value={value} />;

type Action = (state: FormState<StatusField>, form: FormData) => Promise<FormState<StatusField>>;

const button =
  "rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50";
const primary =
  "rounded-md bg-zinc-900 px-3 py-1 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-50";
const input = "w-24 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm";
const menu =
  "absolute z-10 mt-1 w-72 space-y-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg";

/**
 * The admins' status actions on the issue page. Every button is its own small form posting one
 * server action (the same change layer as PATCH /api/v1/issues/{id}); the choices that need a
 * value sit in <details> menus, so all of it works by keyboard and without JavaScript.
 */
export function StatusActions({ issue, action }: { issue: IssueDto; action: Action }) {
  const [state, dispatch, pending] = useActionState(action, {});
  return (
    <div className="space-y-2" data-status-actions="">
      <div className="flex flex-wrap items-start gap-2">
        {issue.status === "unresolved" ? (
          <form action={dispatch}>
            {change("resolve")}
            <button type="submit" className={primary} disabled={pending}>
              Resolve
            </button>
          </form>
        ) : (
          <form action={dispatch}>
            {change("unresolve")}
            <button type="submit" className={primary} disabled={pending}>
              Unresolve
            </button>
          </form>
        )}
        <details className="relative">
          <summary className={`${button} cursor-pointer list-none`}>Resolve in… ▾</summary>
          <div className={menu}>
            <form action={dispatch}>
              {change("resolve_next")}
              <button type="submit" className={button} disabled={pending}>
                The next release
              </button>
              <p className="mt-1 text-xs text-zinc-500">
                Events from the newest release seen so far, or older, do not reopen it.
              </p>
            </form>
            <form action={dispatch} className="flex flex-wrap items-end gap-2">
              {change("resolve_in")}
              <label className="flex flex-col text-xs font-medium text-zinc-600">
                Release
                <input
                  name="release"
                  required
                  defaultValue={state.values?.release ?? issue.last_release ?? ""}
                  className={`${input} w-40`}
                />
              </label>
              <button type="submit" className={button} disabled={pending}>
                Resolve in it
              </button>
            </form>
          </div>
        </details>
        {issue.status !== "ignored" && (
          <form action={dispatch}>
            {change("ignore")}
            <button type="submit" className={button} disabled={pending}>
              Ignore
            </button>
          </form>
        )}
        <details className="relative">
          <summary className={`${button} cursor-pointer list-none`}>Ignore until… ▾</summary>
          <div className={menu}>
            <form action={dispatch} className="flex items-end gap-2">
              {change("ignore_events")}
              <label className="flex flex-col text-xs font-medium text-zinc-600">
                More events
                <input name="events" type="number" min={1} required className={input} />
              </label>
              <button type="submit" className={button} disabled={pending}>
                Ignore
              </button>
            </form>
            <form action={dispatch} className="flex items-end gap-2">
              {change("ignore_users")}
              <label className="flex flex-col text-xs font-medium text-zinc-600">
                More users
                <input name="users" type="number" min={1} required className={input} />
              </label>
              <button type="submit" className={button} disabled={pending}>
                Ignore
              </button>
            </form>
            <form action={dispatch} className="flex flex-wrap items-end gap-2">
              {change("ignore_until")}
              <span className="flex flex-col text-xs font-medium text-zinc-600">
                Until
                <LocalDateTimeInput
                  name="until"
                  iso=""
                  label="Ignore until"
                  className={`${input} w-48`}
                />
              </span>
              <button type="submit" className={button} disabled={pending}>
                Ignore
              </button>
            </form>
            <p className="text-xs text-zinc-500">
              Whichever comes first ends the ignore; the issue then reads unresolved again.
            </p>
          </div>
        </details>
      </div>
      {(state.error || state.fieldErrors || state.message) && (
        <FormStatus
          state={{
            ...state,
            error:
              state.error ??
              Object.values(state.fieldErrors ?? {}).find((message) => Boolean(message)),
          }}
        />
      )}
    </div>
  );
}
