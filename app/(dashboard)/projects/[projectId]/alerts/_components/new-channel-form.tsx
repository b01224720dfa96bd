"use client";

import { useActionState } from "react";
import { CreateForm } from "@/app/_ui/create-form";
import { NameInput, StatefulInput, StatefulSelect } from "@/app/_ui/labeled-input";
import { createChannelAction, type NewChannelState } from "../actions";

export function NewChannelForm({ projectId }: { projectId: string }) {
  const form = useActionState<NewChannelState, FormData>(
    createChannelAction.bind(null, projectId),
    {},
  );
  const [state] = form;
  return (
    <CreateForm
      form={form}
      submitLabel="Add channel"
      layout="grid"
      created={
        state.secret && (
          <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
            <p className="font-medium">Signing secret (shown once; copy it now):</p>
            <code className="break-all" data-testid="webhook-secret">
              {state.secret}
            </code>
          </div>
        )
      }
    >
      <StatefulSelect state={state} field="kind" saved="webhook" label="Kind">
        <option value="webhook">Webhook (Standard Webhooks)</option>
        <option value="slack">Slack incoming webhook</option>
        <option value="email">Email (members who opted in on their Account page)</option>
      </StatefulSelect>
      <NameInput state={state} label="Name" placeholder="e.g. on-call" />
      <StatefulInput
        state={state}
        field="url"
        label="URL (webhook and Slack)"
        type="url"
        maxLength={2000}
        placeholder="https://hooks.slack.com/services/…"
      />
    </CreateForm>
  );
}
