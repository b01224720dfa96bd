import { z } from "zod";
import { alertChannelKinds, alertTriggers } from "@/lib/db/schema/alerts";
import { logLevels } from "@/lib/db/schema/logs";

// Bodies of the alert management API and forms (docs/api.md → Alerts).

const name = z.string().trim().min(1).max(100);
const optionalText = z
  .string()
  .trim()
  .max(200)
  .nullish()
  .transform((v) => (v ? v : null));

export const newChannelSchema = z.object({
  kind: z.enum(alertChannelKinds),
  name,
  /** Webhook and Slack channels; email channels have none (the members who opted in). */
  url: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => (v ? v : null)),
});

export const ruleFields = {
  name,
  trigger: z.enum(alertTriggers),
  channel_id: z.uuid(),
  enabled: z.boolean().default(true),
  min_level: z.enum(logLevels).default("error"),
  environment: optionalText,
  release: optionalText,
  action_interval_minutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .default(30),
  budget_per_window: z.number().int().min(1).max(1000).default(10),
  // ingest_refused: more than `threshold` refused or dropped events in `window_minutes`.
  threshold: z.number().int().min(0).max(1_000_000_000).default(100),
  window_minutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24)
    .default(10),
};

export const newRuleSchema = z.object(ruleFields);
export const ruleChangeSchema = z.object(ruleFields).partial();

export type NewChannel = z.infer<typeof newChannelSchema>;
export type NewRule = z.infer<typeof newRuleSchema>;
export type RuleChange = z.infer<typeof ruleChangeSchema>;
