"use client";

import { useActionState, useState } from "react";
import { ConfirmForm } from "@/app/_ui/confirm-submit";
import { EscapedText } from "@/app/_ui/escaped-text";
import { FormStatus } from "@/app/_ui/form-status";
import { EmailInput, StatefulSelect } from "@/app/_ui/labeled-input";
import { inputClass, primaryButtonClass, secondaryButtonClass } from "@/app/_ui/styles";
import { CopyButton } from "@/app/(dashboard)/projects/_components/copy-button";
import { type FormState, shownValue } from "@/lib/forms/form-state";
import {
  changeRoleAction,
  type InviteField,
  inviteUserAction,
  type LinkState,
  removeUserAction,
  resetPasswordAction,
} from "./actions";

/** A one-time link just made (invite or reset), to copy and pass on. */
function LinkToPass({ link }: { link?: string }) {
  if (!link) return null;
  return (
    <span className="flex min-w-0 items-center gap-2">
      <code className="break-all font-mono text-xs" data-testid="password-link">
        {link}
      </code>
      <CopyButton text={link} label="Copy link" />
    </span>
  );
}

export function InviteForm({ projects }: { projects: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<LinkState<InviteField>, FormData>(
    inviteUserAction,
    {},
  );
  const [role, setRole] = useState("viewer");
  const error = (field: InviteField) => state.fieldErrors?.[field];
  const checked = new Set(shownValue(state, "projectIds", "").split("\n"));
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-3 sm:items-end">
      <EmailInput
        state={state}
        label="Email"
        fieldClassName="sm:col-span-2"
        autoComplete={undefined}
      />
      <StatefulSelect
        state={state}
        field="role"
        saved="viewer"
        label="Role"
        onChange={(e) => setRole(e.target.value)}
      >
        <option value="viewer">viewer</option>
        <option value="admin">admin</option>
        <option value="owner">owner</option>
      </StatefulSelect>
      {role === "viewer" && (
        <fieldset className="sm:col-span-3" aria-describedby="invite-projects-error">
          <legend className="text-sm font-medium">Projects they may see</legend>
          {projects.length === 0 ? (
            <p className="mt-1 text-xs text-zinc-500">No projects yet.</p>
          ) : (
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {projects.map((p) => (
                <label key={p.id} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="projectIds"
                    value={p.id}
                    defaultChecked={checked.has(p.id)}
                  />
                  <EscapedText text={p.name} />
                </label>
              ))}
            </div>
          )}
          {error("projectIds") && (
            <p id="invite-projects-error" className="mt-1 text-sm text-red-700">
              {error("projectIds")}
            </p>
          )}
        </fieldset>
      )}
      <div className="space-y-2 sm:col-span-3">
        <p className="text-xs text-zinc-500">
          You get a link to send them: it works once, for 7 days, to choose a password. With GitHub
          or Google sign-in configured they can also use that instead, with this email.
        </p>
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Inviting…" : "Invite"}
        </button>
        <FormStatus state={state} />
        <LinkToPass link={state.link} />
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
  const [roleState, roleAction, rolePending] = useActionState<FormState, FormData>(
    changeRoleAction,
    {},
  );
  const [removeState, removeAction, removePending] = useActionState<FormState, FormData>(
    removeUserAction,
    {},
  );
  const [resetState, resetAction, resetPending] = useActionState<LinkState, FormData>(
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
      <ConfirmForm
        action={resetAction}
        field="userId"
        value={userId}
        small
        label="Reset password"
        confirmLabel="Yes, reset"
        consequence={`${email}'s password stops working and every session of theirs ends; you get a link for them to choose a new one.`}
        pending={resetPending}
      />
      <ConfirmForm
        action={removeAction}
        field="userId"
        value={userId}
        small
        label="Remove"
        confirmLabel="Yes, remove"
        consequence={`${email} loses access at once: their sessions end and the API tokens they made are revoked. Their projects and logs stay.`}
        pending={removePending}
      />
      <FormStatus
        state={[resetState, roleState, removeState].find((s) => s.error || s.message) ?? {}}
      />
      <LinkToPass link={resetState.link} />
    </div>
  );
}
