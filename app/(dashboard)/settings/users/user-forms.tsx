"use client";

import { useActionState } from "react";
import {
  dangerButtonClass,
  inputClass,
  primaryButtonClass,
  secondaryButtonClass,
} from "@/app/_ui/styles";
import { CopyButton } from "@/app/(dashboard)/projects/_components/copy-button";
import type { ActionState } from "@/lib/auth/action-state";
import {
  addUserAction,
  changeRoleAction,
  type ResetPasswordState,
  removeUserAction,
  resetPasswordAction,
} from "./actions";

function Status({ state }: { state: ActionState }) {
  return (
    <p role="status" className={`text-sm ${state.error ? "text-red-700" : "text-emerald-700"}`}>
      {state.error ?? state.message}
    </p>
  );
}

export function AddUserForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(addUserAction, {});
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-4 sm:items-end">
      <label className="block text-sm font-medium sm:col-span-2">
        Email
        <input name="email" type="email" required className={`${inputClass} mt-1`} />
      </label>
      <label className="block text-sm font-medium">
        Role
        <select name="role" defaultValue="viewer" className={`${inputClass} mt-1`}>
          <option value="viewer">viewer</option>
          <option value="admin">admin</option>
          <option value="owner">owner</option>
        </select>
      </label>
      <label className="block text-sm font-medium">
        Password (optional)
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          className={`${inputClass} mt-1`}
        />
      </label>
      <div className="sm:col-span-4">
        <p className="mb-2 text-xs text-zinc-500">
          Without a password the user can only sign in with GitHub or Google (when configured) using
          this email.
        </p>
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Adding…" : "Add user"}
        </button>
        <Status state={state} />
      </div>
    </form>
  );
}

export function UserRowForms({
  userId,
  role,
  email,
}: {
  userId: string;
  role: string;
  email: string;
}) {
  const [roleState, roleAction, rolePending] = useActionState<ActionState, FormData>(
    changeRoleAction,
    {},
  );
  const [removeState, removeAction, removePending] = useActionState<ActionState, FormData>(
    removeUserAction,
    {},
  );
  const [resetState, resetAction, resetPending] = useActionState<ResetPasswordState, FormData>(
    resetPasswordAction,
    {},
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={userId} />
        <label className="sr-only" htmlFor={`role-${userId}`}>
          Role of {email}
        </label>
        <select
          id={`role-${userId}`}
          name="role"
          defaultValue={role}
          className={`${inputClass} w-auto py-1`}
        >
          <option value="viewer">viewer</option>
          <option value="admin">admin</option>
          <option value="owner">owner</option>
        </select>
        <button
          type="submit"
          disabled={rolePending}
          className={`${secondaryButtonClass} py-1 text-xs`}
        >
          Save role
        </button>
      </form>
      <form action={resetAction}>
        <input type="hidden" name="userId" value={userId} />
        <button
          type="submit"
          disabled={resetPending}
          className={`${secondaryButtonClass} py-1 text-xs`}
        >
          Reset password
        </button>
      </form>
      <form action={removeAction}>
        <input type="hidden" name="userId" value={userId} />
        <button
          type="submit"
          disabled={removePending}
          className={`${dangerButtonClass} py-1 text-xs`}
        >
          Remove
        </button>
      </form>
      <Status
        state={[resetState, roleState, removeState].find((s) => s.error || s.message) ?? {}}
      />
      {resetState.password && (
        <span className="flex items-center gap-2">
          <code className="font-mono text-sm" data-testid="reset-password">
            {resetState.password}
          </code>
          <CopyButton text={resetState.password} />
        </span>
      )}
    </div>
  );
}
