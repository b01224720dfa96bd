import type { FieldSpecs } from "@/lib/forms/field-spec";
import type { IssuePatch } from "@/lib/issues/changes";

// The issue page's status forms (types and a pure mapping only: the client form imports this):
// which change was asked for, and the values some of them need.

export const statusChanges = [
  "resolve",
  "resolve_next",
  "resolve_in",
  "ignore",
  "ignore_events",
  "ignore_users",
  "ignore_until",
  "unresolve",
] as const;
export type StatusChange = (typeof statusChanges)[number];

export const statusFields = {
  change: { label: "Change" },
  release: { label: "Release" },
  events: { label: "Events", invalid: "enter a whole number from 1" },
  users: { label: "Users", invalid: "enter a whole number from 1" },
  until: { label: "Until" },
} satisfies FieldSpecs<string>;
export type StatusField = keyof typeof statusFields;

const count = (text: string) => (/^\d{1,10}$/.test(text.trim()) ? Number(text) : text);

/** The submitted form → the PATCH body the API takes (lib/issues/changes.ts parses both). */
export function statusPatchFromForm(values: Record<StatusField, string>): IssuePatch | string {
  switch (values.change as StatusChange) {
    case "resolve":
      return { status: "resolved" };
    case "resolve_next":
      return { status: "resolved", resolved_in_next_release: true };
    case "resolve_in":
      return { status: "resolved", resolved_in_release: values.release };
    case "ignore":
      return { status: "ignored", ignore_until: null };
    case "ignore_events":
      return { status: "ignored", ignore_until: { events: count(values.events) as number } };
    case "ignore_users":
      return { status: "ignored", ignore_until: { users: count(values.users) as number } };
    case "ignore_until":
      return { status: "ignored", ignore_until: { until: values.until } };
    case "unresolve":
      return { status: "unresolved" };
    default:
      // Not an object: the schema refuses it as a form error, nothing changes.
      return "unknown change";
  }
}
