"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  createChannel,
  createRule,
  deleteChannel,
  deleteRule,
  sendTestMessage,
  updateRule,
} from "@/lib/alerts/manage";
import { newChannelSchema, newRuleSchema } from "@/lib/alerts/schemas";
import { requireRole, requireVisibleProject } from "@/lib/auth/access";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";

// Server actions are public POST endpoints: each re-checks the session, the project's
// visibility (404) and the admin role (403) before it changes anything.

export interface NewChannelState extends FormState<"kind" | "name" | "url"> {
  secret?: string | null;
}

async function adminProject(projectId: string) {
  const user = await requirePageUser();
  const db = await getDb();
  const project = await requireVisibleProject(db, user, projectId);
  requireRole(user, "admin");
  return { db, user, projectId: project.id };
}

const done = (projectId: string) => revalidatePath(`/projects/${projectId}/alerts`);

export const createChannelAction = formAction(
  {
    fields: {
      kind: { label: "Kind" },
      name: { label: "Name" },
      url: { label: "URL", secret: true },
    },
    schema: newChannelSchema,
    role: "admin",
  },
  async (input, _context, projectId: string): Promise<NewChannelState> => {
    const { db } = await adminProject(projectId);
    const { secret } = await createChannel(db, projectId, input);
    done(projectId);
    return { ok: true, message: "Channel added.", secret };
  },
);

const ruleFormFields = {
  name: { label: "Name" },
  trigger: { label: "Trigger" },
  channel_id: { label: "Channel" },
  min_level: { label: "Lowest level" },
  environment: { label: "Environment" },
  release: { label: "Release" },
  action_interval_minutes: { label: "Action interval (minutes)" },
  budget_per_window: { label: "Messages per 10 minutes" },
  threshold: { label: "More than (events)" },
  window_minutes: { label: "Within (minutes)" },
};

export const createRuleAction = formAction(
  {
    fields: ruleFormFields,
    schema: newRuleSchema,
    role: "admin",
    toInput: (v) => ({
      ...v,
      action_interval_minutes: Number(v.action_interval_minutes || 30),
      budget_per_window: Number(v.budget_per_window || 10),
      threshold: Number(v.threshold || 100),
      window_minutes: Number(v.window_minutes || 10),
    }),
  },
  async (input, _context, projectId: string): Promise<FormState<keyof typeof ruleFormFields>> => {
    const { db } = await adminProject(projectId);
    await createRule(db, projectId, input);
    done(projectId);
    return { ok: true, message: "Rule added." };
  },
);

const id = (form: FormData, name: string) =>
  z
    .string()
    .max(64)
    .parse(String(form.get(name) ?? ""));

export async function deleteChannelAction(projectId: string, form: FormData): Promise<void> {
  const { db } = await adminProject(projectId);
  await deleteChannel(db, projectId, id(form, "channelId"));
  done(projectId);
}

export async function deleteRuleAction(projectId: string, form: FormData): Promise<void> {
  const { db } = await adminProject(projectId);
  await deleteRule(db, projectId, id(form, "ruleId"));
  done(projectId);
}

export async function toggleRuleAction(projectId: string, form: FormData): Promise<void> {
  const { db } = await adminProject(projectId);
  await updateRule(db, projectId, id(form, "ruleId"), { enabled: form.get("enabled") === "true" });
  done(projectId);
}

export async function sendTestAction(projectId: string, form: FormData): Promise<void> {
  const { db } = await adminProject(projectId);
  await sendTestMessage(db, projectId, id(form, "ruleId"));
  done(projectId);
}
