import { describe, expect, it } from "vitest";
import {
  settingsFields,
  settingsFromForm,
} from "@/app/(dashboard)/projects/[projectId]/settings/settings-form-data";
import { listEntries } from "@/lib/forms/field-spec";
import { issueInWords } from "@/lib/forms/issue-words";
import { updateProjectBodySchema } from "@/lib/projects/schemas";

const form = {
  name: "Shop",
  retention_days: "0",
  allowed_origins: "https://app.example.com\n\nhttps://a.example.com, https://b.example.com/x",
  ip_storage: "full",
  rate_limit_per_ip_per_minute: "60",
  rate_limit_events_per_minute: "600",
  max_events: "",
};

describe("form messages in words (issue 17, item 4)", () => {
  it("numbers list entries by the line they were typed on", () => {
    expect(listEntries(form.allowed_origins).map((e) => e.line)).toEqual([1, 3, 3]);
  });

  it("names the field and the line, never a zod path", () => {
    const parsed = updateProjectBodySchema.safeParse(settingsFromForm(form));
    expect(parsed.success).toBe(false);
    const words = (parsed.error?.issues ?? []).map((issue) => {
      const field = String(issue.path[0]) as keyof typeof settingsFields;
      return issueInWords(issue, settingsFields[field], form[field]);
    });
    expect(words).toEqual([
      "Retention (days): enter a whole number of days from 1 to 3650",
      expect.stringMatching(
        /^Allowed origins, line 3: enter an origin like https:\/\/app\.example\.com \(no path/,
      ),
    ]);
  });

  it("falls back to generic words for fields without their own", () => {
    const issue = { code: "too_small", origin: "string", minimum: 1, path: ["name"], message: "x" };
    expect(issueInWords(issue, { label: "Name" })).toBe("Name: can't be empty");
  });
});
