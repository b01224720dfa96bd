"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/_ui/form-status";
import type { FormState } from "@/lib/forms/form-state";
import type { IssueDto } from "@/lib/issues/dto";
import { LocalDateTimeInput } from "../../../logs/_components/local-datetime-input";
import type { StatusChange, StatusField } from "../../status-form-data";

type Action = (state: FormState<StatusField>, form: FormData) => Promise<FormState<StatusField>>;

const button =
  "rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50";
const primary =
  "rounded-md bg-zinc-900 px-3 py-1 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-50";
const input = "w-24 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm";
const menu =
  "absolute z-10 mt-1 w-72 space-y-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg";

/**
 * One change as its own small form: the hidden field says which change (every form posts the
 * same action), the children are its inputs and submit button.
 */
function ChangeForm({
  change,
  dispatch,
  className,
  children,
}: {
  change: StatusChange;
  dispatch: (form: FormData) => void;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <form action={dispatch} className={className}>
      <input type="hidden" name="change" value={change} />
      {children}
    </form>
  );
}

/** "Ignore until N more events/users": a count and the Ignore button. */
function IgnoreForCountForm({
  change,
  name,
  label,
  dispatch,
  pending,
}: {
  change: "ignore_events" | "ignore_users";
  name: "events" | "users";
  label: string;
  dispatch: (form: FormData) => void;
  pending: boolean;
}) {
  return (
    <ChangeForm change={change} dispatch={dispatch} className="flex items-end gap-2">
      <label className="flex flex-col text-xs font-medium text-zinc-600">
        {label}
        <input name={name} type="number" min={1} required className={input} />
      </label>
      <button type="submit" className={button} disabled={pending}>
        Ignore
      </button>
    </ChangeForm>
  );
}

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
        <ChangeForm
          change={issue.status === "unresolved" ? "resolve" : "unresolve"}
          dispatch={dispatch}
        >
          <button type="submit" className={primary} disabled={pending}>
            {issue.status === "unresolved" ? "Resolve" : "Unresolve"}
          </button>
        </ChangeForm>
        <details className="relative">
          <summary className={`${button} cursor-pointer list-none`}>Resolve in… ▾</summary>
          <div className={menu}>
            <ChangeForm change="resolve_next" dispatch={dispatch}>
              <button type="submit" className={button} disabled={pending}>
                The next release
              </button>
              <p className="mt-1 text-xs text-zinc-500">
                Events from the newest release seen so far, or older, do not reopen it.
              </p>
            </ChangeForm>
            <ChangeForm
              change="resolve_in"
              dispatch={dispatch}
              className="flex flex-wrap items-end gap-2"
            >
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
            </ChangeForm>
          </div>
        </details>
        {issue.status !== "ignored" && (
          <ChangeForm change="ignore" dispatch={dispatch}>
            <button type="submit" className={button} disabled={pending}>
              Ignore
            </button>
          </ChangeForm>
        )}
        <details className="relative">
          <summary className={`${button} cursor-pointer list-none`}>Ignore until… ▾</summary>
          <div className={menu}>
            <IgnoreForCountForm
              change="ignore_events"
              name="events"
              label="More events"
              dispatch={dispatch}
              pending={pending}
            />
            <IgnoreForCountForm
              change="ignore_users"
              name="users"
              label="More users"
              dispatch={dispatch}
              pending={pending}
            />
            <ChangeForm
              change="ignore_until"
              dispatch={dispatch}
              className="flex flex-wrap items-end gap-2"
            >
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
            </ChangeForm>
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
