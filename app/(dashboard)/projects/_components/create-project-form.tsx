"use client";

import Link from "next/link";
import { useActionState } from "react";
import { CreateForm } from "@/app/_ui/create-form";
import { EscapedText } from "@/app/_ui/escaped-text";
import { NameInput } from "@/app/_ui/labeled-input";
import { type CreateProjectState, createProjectAction } from "../actions";
import { NewKeyPanel } from "./new-key-panel";

export function CreateProjectForm({ origin }: { origin: string }) {
  const form = useActionState<CreateProjectState, FormData>(createProjectAction, {});
  const [state] = form;
  return (
    <CreateForm
      className="space-y-4"
      form={form}
      submitLabel="Create project"
      layout="row"
      primary
      created={
        state.project &&
        state.ingestKey &&
        state.sentryDsn && (
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
        )
      }
    >
      <NameInput state={state} label="Project name" fieldClassName="flex-1" required />
    </CreateForm>
  );
}
