// `npm start`'s direct lane stays contained (issue 12, item 2): Node's request is touched only
// in lib/http/direct-lane/, which nothing imports but instrumentation.ts (the lane's entry);
// its table holds whole paths, each one also a route Next serves.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { directRoute, directRoutes } from "@/lib/http/direct-lane/routes";

const laneFolder = "lib/http/direct-lane/";
// Alerts' outbound client: requests Logwell sends (connecting to the address it checked), not
// requests it serves.
const outboundClient = "lib/alerts/deliver/outbound.ts";

function sources(entry: string): string[] {
  if (!statSync(entry).isDirectory()) return /\.(ts|tsx|mjs)$/.test(entry) ? [entry] : [];
  return readdirSync(entry).flatMap((name) => sources(path.join(entry, name)));
}

describe("the direct lane", () => {
  it("is the only code that imports Node's request streams, and only its entry imports it", () => {
    const offenders: string[] = [];
    for (const file of [...sources("app"), ...sources("lib"), "proxy.ts", "instrumentation.ts"]) {
      if (file.startsWith(laneFolder)) continue;
      const text = readFileSync(file, "utf8");
      if (/from "node:(stream|http)"/.test(text) && file !== outboundClient)
        offenders.push(`${file}: node:stream/http`);
      const lane = /["'](?:@\/lib\/http\/direct-lane|\.{1,2}\/[^"']*direct-lane)[^"']*["']/.exec(
        text,
      );
      if (lane && file !== "instrumentation.ts") offenders.push(`${file}: ${lane[0]}`);
    }
    expect(offenders).toEqual([]);
  });

  it("serves whole paths only, each also served by a route file through Next", () => {
    for (const { path: matcher, handlers } of directRoutes) {
      expect(Object.keys(handlers).length).toBeGreaterThan(0);
      if (typeof matcher === "string") {
        const routeFile = `app${matcher}/route.ts`;
        expect(existsSync(routeFile), routeFile).toBe(true);
        const text = readFileSync(routeFile, "utf8");
        for (const method of Object.keys(handlers)) {
          expect(text, routeFile).toMatch(new RegExp(`export const ${method}\\b`));
        }
      } else {
        expect(matcher.source, String(matcher)).toMatch(/^\^.*\$$/);
      }
    }
    expect(directRoute("/api/v1/logs")).toBeDefined();
    expect(directRoute("/api/v1/logs/")).toBeUndefined();
    expect(directRoute("/api/v1/logs/export")).toBeUndefined();
  });
});
