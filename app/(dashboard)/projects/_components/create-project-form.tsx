"use client";

import Link from "next/link";
import { useActionState } from "react";
import { EscapedText } from "@/app/_ui/escaped-text";
import { FormError } from "@/app/_ui/form-status";
import { NameInput } from "@/app/_ui/labeled-input";
import { primaryButtonClass } from "@/app/_ui/styles";
import { type CreateProjectState, createProjectAction } from "../actions";
import { NewKeyPanel } from "./new-key-panel";

export function CreateProjectForm({ origin }: { origin: string }) {
  const [state, action, pending] = useActionState<CreateProjectState, FormData>(
    createProjectAction,
    {},
  );
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <NameInput state={state} label="Project name" fieldClassName="flex-1" required />
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Creating…" : "Create project"}
        </button>
      </form>
      <FormError error={state.error} />
      {state.project && state.ingestKey && state.sentryDsn && (
        <div className="space-y-2">
          <p className="text-sm">
            Created{" "}
            <strong>
              <EscapedText text={state.project.name} />
            </strong>
            .{" "}
            <Link className="underline" href={`/projects/${state.project.id}/settings`}>
              Open its settings
            </Link>
          </p>
          <NewKeyPanel origin={origin} ingestKey={state.ingestKey} sentryDsn={state.sentryDsn} />
        </div>
      )}
    </div>
  );
}
