import { z } from "zod";
import { eventCaps } from "@/lib/ingest/normalize/limits";
import { rfc3339 } from "@/lib/logs/filters";
import type { IgnoreUntil } from "./status";

// What PATCH /api/v1/issues/{id} (and the dashboard's status actions, one issue or many) may
// ask for, parsed into one of five changes. The body's fields are the contract's ("Issues"),
// plus `resolved_in_next_release`; a body that asks for two things at once is refused, so
// nothing is half-applied.

export type IssueChange =
  | { action: "resolved"; in: "now" }
  | { action: "resolved"; in: "release"; release: string }
  | { action: "resolved"; in: "next_release" }
  | { action: "unresolved" }
  | { action: "ignored"; until: IgnoreUntil | null };

const count = z.number().int().min(1).max(1_000_000_000);

const ignoreUntilInput = z
  .object({
    events: count.optional(),
    users: count.optional(),
    until: rfc3339.refine((t) => Date.parse(t) > Date.now(), "must be in the future").optional(),
  })
  .strict()
  .refine((u) => u.events !== undefined || u.users !== undefined || u.until !== undefined, {
    message: "name at least one of events, users, until (or null: ignore forever)",
  });

export const issuePatchSchema = z
  .object({
    status: z.enum(["resolved", "unresolved", "ignored"]).optional(),
    resolved_in_release: z.string().trim().min(1).max(eventCaps.shortChars).nullable().optional(),
    resolved_in_next_release: z.boolean().optional(),
    ignore_until: ignoreUntilInput.nullable().optional(),
  })
  .strict()
  .transform((body, ctx): IssueChange => {
    const release = body.resolved_in_release ?? undefined;
    const nextRelease = body.resolved_in_next_release === true;
    const ignore = body.ignore_until;
    const refuse = (message: string, path: string) => {
      ctx.addIssue({ code: "custom", message, path: [path] });
      return z.NEVER;
    };
    const status =
      body.status ??
      (release !== undefined || nextRelease
        ? "resolved"
        : ignore !== undefined
          ? "ignored"
          : undefined);
    if (status === undefined) return refuse("nothing to change: send status", "status");
    if (status !== "resolved" && (release !== undefined || nextRelease))
      return refuse(`only a resolution has a release (status is ${status})`, "resolved_in_release");
    if (status !== "ignored" && ignore)
      return refuse(`only an ignore has a condition (status is ${status})`, "ignore_until");
    if (status === "unresolved") return { action: "unresolved" };
    if (status === "ignored") return { action: "ignored", until: ignore ?? null };
    if (release !== undefined && nextRelease)
      return refuse("either a release or the next release, not both", "resolved_in_next_release");
    if (release !== undefined) return { action: "resolved", in: "release", release };
    return nextRelease
      ? { action: "resolved", in: "next_release" }
      : { action: "resolved", in: "now" };
  });

export type IssuePatch = z.input<typeof issuePatchSchema>;

/** The dashboard's bulk actions: one change for up to a page of issues of one project. */
export const maxBulkIssues = 100;
export const issueIdsSchema = z.array(z.string().max(20)).min(1).max(maxBulkIssues);
