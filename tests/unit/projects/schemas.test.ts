import { describe, expect, it } from "vitest";
import { isOriginAllowed } from "@/lib/http/cors";
import { createProjectBodySchema } from "@/lib/projects/schemas";

const parse = (allowed_origins: string[]) =>
  createProjectBodySchema.safeParse({ name: "web", allowed_origins });

describe("allowed origins in project settings (HTTP-3)", () => {
  it("accepts exact origins and explicit wildcard patterns that ingest can match", () => {
    for (const origin of [
      "https://app.example.com",
      "http://localhost:5173",
      "https://*.example.com",
    ]) {
      expect(parse([origin]).success, origin).toBe(true);
    }
    expect(isOriginAllowed("https://eu.example.com", ["https://*.example.com"])).toBe(true);
  });

  it("refuses what the allow-list could never match", () => {
    for (const origin of [
      "app.example.com",
      "ftp://example.com",
      "https://example.com/path",
      "https://ex*ample.com",
      "javascript:alert(1)",
      "*",
    ]) {
      expect(parse([origin]).success, origin).toBe(false);
    }
  });
});
