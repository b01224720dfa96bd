// The script-tag build (public/logwell.js):
//   <script src="https://<deployment>/logwell.js" data-key="lw_pub_..." async></script>
// Sends to the deployment the script came from. Options come from data-* attributes
// (data-release, data-environment, data-console="warn,error", data-network, data-csp,
// data-sample-rate) and from an optional `window.LogwellConfig` object defined before it
// (for beforeSend, ignoreErrors...).
import { flush, init, log, setContext, setUser } from "./client";
import type { Options } from "./types";

declare global {
  interface Window {
    /** The script tag's API (the ES module exports the same functions). */
    Logwell?: {
      log: typeof log;
      setUser: typeof setUser;
      setContext: typeof setContext;
      flush: typeof flush;
    };
    LogwellConfig?: Partial<Options>;
  }
}

const script = document.currentScript as HTMLScriptElement;
const data = script.dataset;

// Loaded twice (a tag manager and the page): the first copy keeps capturing, alone.
if (!window.Logwell) {
  window.Logwell = { log, setUser, setContext, flush };
  init({
    // data-key, data-release, data-environment, data-sample-rate (a numeric string compares
    // like a number) pass through as they are.
    ...(data as unknown as Options),
    endpoint: new URL("/api/v1/logs", script.src).href,
    console: data.console?.split(",") as Options["console"],
    network: "network" in data,
    csp: "csp" in data,
    ...window.LogwellConfig,
  });
}
