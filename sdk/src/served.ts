// The ES module served by every deployment (public/logwell.mjs):
//   import { init, log } from "https://<deployment>/logwell.mjs";
//   init({ key: "lw_pub_..." });
// Same API as index.ts; without `endpoint`, events go to the deployment it was loaded from.
// (Kept out of the npm build: bundlers rewrite import.meta.url to their own chunk's URL.)
import { init as start } from "./index";
import type { Options } from "./types";

export * from "./index";

export function init(options: Options): void {
  start({
    ...options,
    endpoint: options.endpoint || new URL("/api/v1/logs", import.meta.url).href,
  });
}
