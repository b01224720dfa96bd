"use client";

import { useActionState } from "react";
import { CreateForm } from "@/app/_ui/create-form";
import { FormStatus } from "@/app/_ui/form-status";
import { NameInput, StatefulInput, StatefulSelect } from "@/app/_ui/labeled-input";
import type { FormState } from "@/lib/forms/form-state";
import { createRuleAction } from "../actions";

const levels = ["trace", "debug", "info", "warn", "error", "fatal"];

export function NewRuleForm({
  projectId,
  channels,
}: {
  projectId: string;
  channels: { id: string; name: string }[];
}) {
  const form = useActionState<FormState, FormData>(createRuleAction.bind(null, projectId), {});
  const [state] = form;
  return (
    <CreateForm
      form={form}
      submitLabel="Add rule"
      layout="grid"
      created={state.ok && <FormStatus state={state} />}
    >
      <NameInput state={state} label="Name" placeholder="e.g. new issues to on-call" />
      <StatefulSelect state={state} field="trigger" saved="new_issue" label="When">
        <option value="new_issue">A new issue appears</option>
        <option value="regression">An issue regresses</option>
      </StatefulSelect>
      <StatefulSelect
        state={state}
        field="channel_id"
        saved={channels[0]?.id ?? ""}
        label="Channel"
      >
        {channels.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </StatefulSelect>
      <StatefulSelect state={state} field="min_level" saved="error" label="Lowest level">
        {levels.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </StatefulSelect>
      <StatefulInput
        state={state}
        field="environment"
        label="Environment (blank: any)"
        maxLength={200}
      />
      <StatefulInput state={state} field="release" label="Release (blank: any)" maxLength={200} />
      <StatefulInput
        state={state}
        field="action_interval_minutes"
        label="Not again for (minutes)"
        type="number"
        min={0}
        saved={30}
      />
      <StatefulInput
        state={state}
        field="budget_per_window"
        label="Messages per 10 minutes"
        type="number"
        min={1}
        max={1000}
        saved={10}
      />
    </CreateForm>
  );
}
