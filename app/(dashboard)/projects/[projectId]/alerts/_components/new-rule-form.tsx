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
  const numberInput = (field: string, label: string, saved: number, min: number, max?: number) => (
    <StatefulInput
      state={state}
      field={field}
      label={label}
      type="number"
      min={min}
      max={max}
      saved={saved}
    />
  );
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
        <option value="ingest_refused">Events are refused or dropped</option>
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
      {numberInput("action_interval_minutes", "Not again for (minutes)", 30, 0)}
      {numberInput("budget_per_window", "Messages per 10 minutes", 10, 1, 1000)}
      {numberInput("threshold", "Refused or dropped: more than (events)", 100, 0)}
      {numberInput("window_minutes", "Refused or dropped: within (minutes)", 10, 1, 1440)}
    </CreateForm>
  );
}
