import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// .env.example must list every variable lib/env.ts reads, so operators can find them all.
describe(".env.example", () => {
  it("names every variable of lib/env.ts", () => {
    const schema = readFileSync("lib/env.ts", "utf8");
    const example = readFileSync(".env.example", "utf8");
    const variables = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(variables.length).toBeGreaterThan(20);
    expect(variables.filter((v) => !example.includes(v ?? ""))).toEqual([]);
  });
});
