// The limits a person's input is held to come from lib/input-limits.ts alone: the schemas that
// parse API bodies and forms accept exactly up to them (the forms' maxLength, min and max read
// the same constants).
import { describe, expect, it } from "vitest";
import { newAdminTokenSchema } from "@/lib/auth/admin-tokens";
import { boundsInWords, settingBounds, textLimits } from "@/lib/input-limits";
import { projectSettingsSchema } from "@/lib/projects/schemas";
import { newUserSchema } from "@/lib/users/create-user";
import { newPasswordSchema } from "@/lib/users/password";

describe("input limits", () => {
  it("every whole-number setting takes its bounds and nothing past them", () => {
    for (const [field, { min, max }] of Object.entries(settingBounds)) {
      const setting = projectSettingsSchema.shape[field as keyof typeof settingBounds];
      expect(setting.safeParse(min).success, field).toBe(true);
      expect(setting.safeParse(max).success, field).toBe(true);
      expect(setting.safeParse(min - 1).success, field).toBe(false);
      expect(setting.safeParse(max + 1).success, field).toBe(false);
    }
  });

  it("names, emails and passwords stop at their one limit", () => {
    const name = (n: number) => "n".repeat(n);
    expect(projectSettingsSchema.shape.name.safeParse(name(textLimits.nameChars)).success).toBe(
      true,
    );
    expect(projectSettingsSchema.shape.name.safeParse(name(textLimits.nameChars + 1)).success).toBe(
      false,
    );
    expect(newAdminTokenSchema.safeParse({ name: name(textLimits.nameChars + 1) }).success).toBe(
      false,
    );
    const email = (n: number) => `${"a".repeat(n - "@x.io".length)}@x.io`;
    expect(newUserSchema.safeParse({ email: email(textLimits.emailChars) }).success).toBe(true);
    expect(newUserSchema.safeParse({ email: email(textLimits.emailChars + 1) }).success).toBe(
      false,
    );
    expect(newPasswordSchema.safeParse(name(textLimits.passwordChars)).success).toBe(true);
    expect(newPasswordSchema.safeParse(name(textLimits.passwordChars + 1)).success).toBe(false);
  });

  it("says the bounds in words", () => {
    expect(boundsInWords(settingBounds.retention_days)).toBe("from 1 to 3650");
    expect(boundsInWords(settingBounds.max_events)).toBe("from 1 to 1,000,000,000");
  });
});
