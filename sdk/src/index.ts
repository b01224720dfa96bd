// The ES module (the npm package in sdk/, and the base of public/logwell.mjs):
//   import { init, log } from "@logwell/browser";
//   init({ key: "lw_pub_...", endpoint: "https://<deployment>/api/v1/logs" });
import { init as start } from "./client";
import type { Options } from "./types";

export { flush, type LogMethods, log, setContext, setUser } from "./client";
export type { Attributes, Level, LogEvent, Options, User } from "./types";

/**
 * Starts capturing and sending; a second call is ignored. `endpoint` is required here (the
 * module served by a deployment at /logwell.mjs defaults it to that deployment).
 */
export function init(options: Options): void {
  if (!options.endpoint)
    throw new Error("Logwell: init() needs endpoint (https://<deployment>/api/v1/logs)");
  start({ ...options, endpoint: options.endpoint });
}
