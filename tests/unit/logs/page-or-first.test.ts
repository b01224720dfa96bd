import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { readPageOrFirst } from "@/lib/logs/page-or-first";

describe("readPageOrFirst", () => {
  it("reads the page the cursor names", async () => {
    const reads: (string | undefined)[] = [];
    const result = await readPageOrFirst(async (cursor) => {
      reads.push(cursor);
      return `page after ${cursor}`;
    }, "c1");
    expect(result).toEqual({ page: "page after c1", isCursorRefused: false });
    expect(reads).toEqual(["c1"]);
  });

  it("reads the first page when the cursor is refused, and says so", async () => {
    const reads: (string | undefined)[] = [];
    const result = await readPageOrFirst(async (cursor) => {
      reads.push(cursor);
      if (cursor) throw new ApiError("invalid_cursor", "bad cursor");
      return "first page";
    }, "forged");
    expect(result).toEqual({ page: "first page", isCursorRefused: true });
    expect(reads).toEqual(["forged", undefined]);
  });

  it("throws any other error", async () => {
    const outage = new Error("connection refused");
    await expect(
      readPageOrFirst(async () => {
        throw outage;
      }, "c1"),
    ).rejects.toBe(outage);
    await expect(
      readPageOrFirst(async () => {
        throw new ApiError("invalid_request", "bad filter");
      }, undefined),
    ).rejects.toMatchObject({ code: "invalid_request" });
  });
});
