import { describe, expect, it } from "vitest";
import { issueIdFor } from "@/lib/issues/issue-id";

const project = "0192a3b4-c5d6-7e8f-9012-3456789abcde";
const key = "a".repeat(64);

describe("issueIdFor", () => {
  it("is the same id for the same project, version and key", () => {
    expect(issueIdFor(project, 1, key)).toBe(issueIdFor(project, 1, key));
  });

  it("differs by project, by version and by key, and fits a Postgres bigint", () => {
    const ids = new Set([
      issueIdFor(project, 1, key),
      issueIdFor("0192a3b4-c5d6-7e8f-9012-3456789abcdf", 1, key),
      issueIdFor(project, 2, key),
      issueIdFor(project, 1, "b".repeat(64)),
    ]);
    expect(ids.size).toBe(4);
    for (const id of ids) {
      expect(id).toBeGreaterThan(0n);
      expect(id).toBeLessThanOrEqual(2n ** 63n - 1n);
    }
  });
});
