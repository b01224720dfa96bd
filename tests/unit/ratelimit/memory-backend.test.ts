import { describe, expect, test } from "vitest";
import { MemoryBackend } from "@/lib/ratelimit/memory-backend";
import type { Policy } from "@/lib/ratelimit/types";

const policy: Policy = { name: "unit", windowMs: 1000 };

describe("in-process sliding window", () => {
  test("same arithmetic as @upstash/ratelimit's script: floor((1 - elapsed) × previous)", () => {
    let now = 10_000;
    const memory = new MemoryBackend(100, () => now);
    for (let i = 0; i < 7; i++) memory.limitSync(policy, 10, "id", 1);
    now = 11_300; // 30 % into the next window: floor(0.7 × 7) = 4 still count
    expect(memory.limitSync(policy, 10, "id", 1)).toEqual({
      success: true,
      limit: 10,
      remaining: 5,
      reset: 12_000,
    });
    now = 13_000; // previous window empty now
    expect(memory.limitSync(policy, 10, "id", 1).remaining).toBe(9);
  });

  test("a refused check does not count; a crossing batch does (like the Redis script)", () => {
    const memory = new MemoryBackend(100, () => 0);
    expect(memory.limitSync(policy, 10, "id", 8).success).toBe(true);
    expect(memory.limitSync(policy, 10, "id", 5)).toMatchObject({ success: false, remaining: 0 });
    expect(memory.limitSync(policy, 10, "id", 1).success).toBe(false);
    expect(memory.limitSync({ name: "other", windowMs: 1000 }, 10, "id", 1).remaining).toBe(9);
  });

  test("memory is bounded: least recently used identifiers are evicted first", () => {
    const memory = new MemoryBackend(3, () => 0);
    memory.limitSync(policy, 1, "a", 1);
    memory.limitSync(policy, 1, "b", 1);
    memory.limitSync(policy, 1, "c", 1);
    memory.limitSync(policy, 1, "a", 1); // refused, but touches "a"
    memory.limitSync(policy, 1, "d", 1); // evicts "b"
    expect(memory.size).toBe(3);
    expect(memory.limitSync(policy, 1, "a", 1).success).toBe(false);
    expect(memory.limitSync(policy, 1, "b", 1).success).toBe(true);
  });

  test("a flood of distinct identifiers never grows past the bound", () => {
    const memory = new MemoryBackend(1000, () => 0);
    for (let i = 0; i < 20_000; i++) memory.limitSync(policy, 5, `ip-${i}`, 1);
    expect(memory.size).toBe(1000);
  });
});
