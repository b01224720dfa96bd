import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { depthMarker } from "@/lib/ingest/normalize/json-tree";

// TC-08 / TC-26: depth attacks stored in embedded PGlite without a silent zero-row insert and
// without a hang. The sequence 5,000 → 8,000 → 12,000 is the one that left PGlite 0.5.16 at
// 100 % CPU ignoring SIGTERM (threat V-6), so it runs in a child process under a watchdog.
const depths = [8, 9, 100, 4_175, 5_000, 6_500, 8_000, 12_000, 100_000];
const watchdogMs = 90_000;

function depthOf(json: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") max = Math.max(max, ++depth);
    else if (c === "}" || c === "]") depth--;
  }
  return max;
}

describe("TC-08 depth attacks on embedded PGlite (child process, watchdog)", () => {
  it("stores every depth, capped at 8 levels, with no hang", async () => {
    const script = fileURLToPath(new URL("./depth-child.ts", import.meta.url));
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const child = spawn(process.execPath, [tsx, script, depths.join(",")], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LOG_LEVEL: "warn" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    let watchdogFired = false;
    const watchdog = setTimeout(() => {
      watchdogFired = true;
      child.kill("SIGKILL");
    }, watchdogMs);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearTimeout(watchdog);
    expect(watchdogFired, `child hung; output so far:\n${stdout}\n${stderr}`).toBe(false);
    expect(code, stderr).toBe(0);
    const results = stdout
      .trim()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map(
        (line) =>
          JSON.parse(line) as { depth: number; inserted: number; rows: number; attributes: string },
      );
    expect(results.map((r) => r.depth)).toEqual(depths);
    for (const result of results) {
      expect(result, `depth ${result.depth}`).toMatchObject({ inserted: 1, rows: 1 });
      // The attributes object is level 1 of the cap; the stored JSON nests at most 8.
      expect(depthOf(result.attributes)).toBeLessThanOrEqual(8);
      expect(result.attributes.includes(depthMarker)).toBe(result.depth > 8);
    }
  });
});
