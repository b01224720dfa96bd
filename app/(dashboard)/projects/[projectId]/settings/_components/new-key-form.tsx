"use client";

import { useActionState } from "react";
import { CreateForm } from "@/app/_ui/create-form";
import { NameInput } from "@/app/_ui/labeled-input";
import { NewKeyPanel } from "../../../_components/new-key-panel";
import type { NewKeyState } from "../../../actions";
import { createKeyAction } from "../actions";

export function NewKeyForm({ projectId, origin }: { projectId: string; origin: string }) {
  const form = useActionState<NewKeyState, FormData>(createKeyAction.bind(null, projectId), {});
  const [state] = form;
  return (
    <CreateForm
      form={form}
      submitLabel="Create ingest key"
      layout="row"
      created={
        state.ingestKey &&
        state.sentryDsn && (
          <NewKeyPanel origin={origin} ingestKey={state.ingestKey} sentryDsn={state.sentryDsn} />
        )
      }
    >
      <NameInput
        state={state}
        label="Key name"
        fieldClassName="flex-1"
        placeholder="e.g. production web"
      />
    </CreateForm>
  );
}
