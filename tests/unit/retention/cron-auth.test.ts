import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isAuthorizedCronRequest } from "@/lib/retention/cron-auth";

const secret = "s3cret-value-of-32-characters-xx";

describe("TC-29: cron secret check", () => {
  it("accepts exactly `Bearer <CRON_SECRET>`", () => {
    expect(isAuthorizedCronRequest(`Bearer ${secret}`, secret)).toBe(true);
  });

  it.each([
    ["no header", null],
    ["empty header", ""],
    ["bare Bearer", "Bearer "],
    ["Bearer without space", `Bearer${secret}`],
    ["lower-case scheme", `bearer ${secret}`],
    ["wrong secret of equal length", `Bearer ${secret.slice(0, -1)}y`],
    ["wrong secret, shorter", "Bearer x"],
    ["wrong secret, longer", `Bearer ${secret}${secret}`],
    ["extra spaces", `Bearer  ${secret}`],
    ["trailing space", `Bearer ${secret} `],
    ["secret without scheme", secret],
    ["Basic scheme", `Basic ${secret}`],
    [
      "the digest instead of the secret",
      `Bearer ${createHash("sha256").update(secret).digest("hex")}`,
    ],
  ])("refuses %s (no throw)", (_name, header) => {
    expect(isAuthorizedCronRequest(header, secret)).toBe(false);
  });

  it("refuses everything when CRON_SECRET is unset, including `Bearer undefined`", () => {
    for (const header of ["Bearer undefined", "Bearer ", "Bearer null", "", null]) {
      expect(isAuthorizedCronRequest(header, undefined)).toBe(false);
      expect(isAuthorizedCronRequest(header, "")).toBe(false);
    }
  });
});
