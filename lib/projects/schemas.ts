import { z } from "zod";
import { ipStorageModes } from "@/lib/db/schema";
import { isValidOriginPattern } from "@/lib/http/cors";
import { settingBounds, textLimits } from "@/lib/input-limits";

// API bodies are snake_case (docs/api.md); the same schemas parse dashboard forms.

/**
 * An origin as browsers send it in `Origin` ("https://app.example.com", no path), or an explicit
 * "https://*.example.com" pattern. Validated by the same parser ingest matches with, so a value
 * accepted here is one the allow-list can actually match.
 */
const originSchema = z
  .string()
  .trim()
  .max(300)
  .refine(
    isValidOriginPattern,
    "an origin like https://app.example.com or https://*.example.com (no path, no trailing slash)",
  );

export const projectNameSchema = z.string().trim().min(1).max(textLimits.nameChars);

const wholeNumber = (bounds: { min: number; max: number }) =>
  z.number().int().min(bounds.min).max(bounds.max);

export const projectSettingsSchema = z.object({
  name: projectNameSchema,
  retention_days: wholeNumber(settingBounds.retention_days),
  allowed_origins: z.array(originSchema).max(50),
  rate_limit_per_ip_per_minute: wholeNumber(settingBounds.rate_limit_per_ip_per_minute),
  rate_limit_events_per_minute: wholeNumber(settingBounds.rate_limit_events_per_minute),
  ip_storage: z.enum(ipStorageModes),
  max_events: wholeNumber(settingBounds.max_events).nullable(),
});

export const createProjectBodySchema = projectSettingsSchema
  .pick({ name: true, retention_days: true, allowed_origins: true })
  .partial({ retention_days: true, allowed_origins: true })
  .strict();

export const updateProjectBodySchema = projectSettingsSchema
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");

export type ProjectSettingsPatch = z.infer<typeof updateProjectBodySchema>;

export const newIngestKeyBodySchema = z
  .object({ name: projectNameSchema.default("default") })
  .strict();

/** Snake_case API fields → drizzle columns. */
export function toProjectColumns(patch: ProjectSettingsPatch) {
  return {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.retention_days !== undefined && { retentionDays: patch.retention_days }),
    ...(patch.allowed_origins !== undefined && { allowedOrigins: patch.allowed_origins }),
    ...(patch.rate_limit_per_ip_per_minute !== undefined && {
      rateLimitPerIpPerMinute: patch.rate_limit_per_ip_per_minute,
    }),
    ...(patch.rate_limit_events_per_minute !== undefined && {
      rateLimitEventsPerMinute: patch.rate_limit_events_per_minute,
    }),
    ...(patch.ip_storage !== undefined && { ipStorage: patch.ip_storage }),
    ...(patch.max_events !== undefined && { maxEvents: patch.max_events }),
  };
}
