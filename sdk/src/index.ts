// The ES module build (public/logwell.mjs, and the npm package in sdk/):
//   import { init, log } from "https://<deployment>/logwell.mjs";
//   init({ key: "lw_pub_..." });
import { init as start } from "./client";
import type { Options } from "./types";

export { flush, type LogMethods, log, setContext, setUser } from "./client";
export type { Attributes, Level, LogEvent, Options, User } from "./types";

/**
 * Starts capturing and sending. Without `endpoint`, sends to the deployment this module was
 * loaded from; installed from npm, pass `endpoint: "https://<deployment>/api/v1/logs"`.
 * A second call is ignored.
 */
export function init(options: Options): void {
  start({
    ...options,
    endpoint: options.endpoint || new URL("/api/v1/logs", import.meta.url).href,
  });
}
