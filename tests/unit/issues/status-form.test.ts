import { describe, expect, it } from "vitest";
import {
  statusChanges,
  statusPatchFromForm,
} from "@/app/(dashboard)/projects/[projectId]/issues/status-form-data";
import { issuePatchSchema } from "@/lib/issues/changes";

// The issue page's status forms become the same PATCH body the API takes, so the dashboard and
// the API cannot mean different things by one change.

const form = (
  values: Partial<Record<"change" | "release" | "events" | "users" | "until", string>>,
) =>
  issuePatchSchema.safeParse(
    statusPatchFromForm({ change: "", release: "", events: "", users: "", until: "", ...values }),
  );

describe("statusPatchFromForm", () => {
  it("maps every change the page offers to a valid change", () => {
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const values = { release: "web@2.0.0", events: "5", users: "3", until };
    const parsed = statusChanges.map((change) => form({ change, ...values }));
    expect(parsed.map((p) => p.success && p.data)).toEqual([
      { action: "resolved", in: "now" },
      { action: "resolved", in: "next_release" },
      { action: "resolved", in: "release", release: "web@2.0.0" },
      { action: "ignored", until: null },
      { action: "ignored", until: { events: 5 } },
      { action: "ignored", until: { users: 3 } },
      { action: "ignored", until: { until } },
      { action: "unresolved" },
    ]);
  });

  it("refuses what the API refuses: no release, a count that is not one, a past date, no change", () => {
    expect(form({ change: "resolve_in" }).success).toBe(false);
    expect(form({ change: "ignore_events", events: "many" }).success).toBe(false);
    expect(form({ change: "ignore_users", users: "0" }).success).toBe(false);
    expect(form({ change: "ignore_until", until: "2020-01-01T00:00:00Z" }).success).toBe(false);
    expect(form({ change: "delete" }).success).toBe(false);
  });
});
