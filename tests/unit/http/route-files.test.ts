// One shape for API route files (issue 12, item 4): every handler is `route(…)` from
// lib/http/route.ts, so each answers with a request id and the JSON error envelope. And the
// route-tree reader the authorization matrices rely on sees a handler however it is exported.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportedHandlers, routeFiles } from "../../support/route-tree";

// Auth.js's handlers are its own, with its own answers.
const foreignShape = new Set(["app/api/auth/[...nextauth]/route.ts"]);

describe("route files", () => {
  it("the route-tree reader sees every way of exporting a handler", () => {
    const source = [
      "export async function GET(request: Request) {}",
      "export function HEAD() {}",
      "export const POST = route(async (ctx) => json(ctx, 200, {}));",
      "export let PUT = handler;",
      "export const { PATCH, x: DELETE } = handlers;",
      'export { postLogs as OPTIONS, helper } from "./handlers";',
      "export const maxDuration = 60;",
      "const GETTER = 1;",
    ].join("\n");
    expect(exportedHandlers(source).sort()).toEqual(
      ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"].sort(),
    );
    expect(exportedHandlers('export { GET } from "./get";')).toEqual(["GET"]);
  });

  it("every API handler is route(…), written in its file or re-exported from a sibling", () => {
    const offenders: string[] = [];
    for (const { file } of routeFiles("app/api")) {
      if (foreignShape.has(file)) continue;
      const source = readFileSync(file, "utf8");
      for (const method of exportedHandlers(source)) {
        const sibling = new RegExp(`export \\{ ${method} \\} from "(\\./[\\w-]+)"`).exec(source);
        const home = sibling?.[1] ? `${path.join(path.dirname(file), sibling[1])}.ts` : file;
        const text = home === file ? source : readFileSync(home, "utf8");
        if (!new RegExp(`export const ${method} = route\\(`).test(text)) {
          offenders.push(`${method} in ${home}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
