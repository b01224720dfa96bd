import { describe, expect, it } from "vitest";
import { isUniqueViolation } from "@/lib/db/errors";

describe("isUniqueViolation", () => {
  it("finds 23505 on the error or a cause (drizzle wraps the driver's error)", () => {
    expect(isUniqueViolation({ code: "23505" })).toBe(true);
    expect(isUniqueViolation(new Error("insert failed", { cause: { code: "23505" } }))).toBe(true);
    expect(isUniqueViolation({ code: "23503" })).toBe(false);
    expect(isUniqueViolation(new Error("no code"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
