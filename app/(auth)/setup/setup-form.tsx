"use client";

import { useActionState } from "react";
import { inputClass, primaryButtonClass } from "@/app/_ui/styles";
import { claimOwnerAction, type SetupState } from "./actions";

export function SetupForm() {
  const [state, action, pending] = useActionState<SetupState, FormData>(claimOwnerAction, {});
  return (
    <form action={action} className="space-y-4">
      <label className="block text-sm font-medium">
        Setup token
        <input
          name="token"
          required
          autoComplete="off"
          spellCheck={false}
          className={`${inputClass} mt-1 font-mono`}
        />
        <span className="mt-1 block text-xs font-normal text-zinc-500">
          Printed in the server log at start (starts with lw_setup_).
        </span>
      </label>
      <label className="block text-sm font-medium">
        Your email
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          className={`${inputClass} mt-1`}
        />
      </label>
      <label className="block text-sm font-medium">
        Name (optional)
        <input name="name" maxLength={100} autoComplete="name" className={`${inputClass} mt-1`} />
      </label>
      <label className="block text-sm font-medium">
        Password (at least 10 characters)
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          className={`${inputClass} mt-1`}
        />
      </label>
      <p id="setup-error" role="alert" className="min-h-5 text-sm text-red-700">
        {state.error}
      </p>
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Creating owner…" : "Create owner account"}
      </button>
    </form>
  );
}
