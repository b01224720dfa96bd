// Browser hooks: page lifecycle for delivery, uncaught errors, unhandled rejections, console, failed requests, CSP
// violations, and the breadcrumbs (clicks, navigations, console lines) attached to errors.
import { hideDelivery, resumeDelivery } from "./delivery";
import { textOf, withoutQuery } from "./text";
import type { Level, LogEvent, Options } from "./types";

export type Report = (level: Level, message: string, extra: Partial<LogEvent>) => void;
export type Crumb = (category: string, message: string) => void;

const CONSOLE_METHODS = ["debug", "log", "info", "warn", "error"] as const;

export function installCapture(options: Options, endpoint: string, report: Report, crumb: Crumb) {
  if (!globalThis.addEventListener) return; // React Native: manual API only
  const on = addEventListener;

  // The queue leaves by beacon when the page may be going away, and resumes back online.
  on("pagehide", hideDelivery);
  on("visibilitychange", () => document.hidden && hideDelivery());
  on("online", resumeDelivery);

  on("error", (event) => {
    const error = event.error;
    report("error", event.message || textOf(error), {
      logger: "window.onerror",
      stack: error?.stack,
      attributes: { file: event.filename, line: event.lineno, column: event.colno },
    });
  });
  // The reason may be anything (a string, an object, undefined): its text is the message.
  on("unhandledrejection", ({ reason }) => {
    report("error", textOf(reason), { logger: "unhandledrejection", stack: reason?.stack });
  });

  const sent = options.console === true ? ["warn", "error"] : options.console || [];
  for (const method of CONSOLE_METHODS) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      const message = args.map(textOf).join(" ");
      crumb("console", message);
      if (sent.includes(method)) {
        report(method === "log" ? "info" : method, message, {
          logger: "console",
          stack: (args.find((arg) => arg instanceof Error) as Error | undefined)?.stack,
        });
      }
      original.apply(console, args);
    };
  }

  on(
    "click",
    ({ target }) => {
      const element = target as HTMLElement;
      crumb(
        "click",
        `${element.tagName}${element.id ? `#${element.id}` : ""} ${element.textContent?.trim().slice(0, 40)}`,
      );
    },
    true,
  );
  const navigated = () => crumb("navigation", location.href);
  const pushState = history.pushState;
  history.pushState = function (this: History, ...args: Parameters<History["pushState"]>) {
    pushState.apply(this, args);
    navigated();
  };
  on("popstate", navigated);

  if (options.network) {
    const finished = (method: string, rawUrl: string, status: number, started: number) => {
      // Our own deliveries: reporting their failures would feed the queue it cannot drain.
      if (rawUrl.startsWith(endpoint)) return;
      const url = options.networkQuery ? rawUrl : withoutQuery(rawUrl);
      const message = `${method} ${url} ${status || "network error"}`;
      crumb("request", message);
      if (!status || status > 399)
        report(status && status < 500 ? "warn" : "error", message, {
          logger: "network",
          attributes: { method, url, status, duration_ms: Date.now() - started },
        });
    };

    const originalFetch = fetch;
    window.fetch = (input, init) => {
      const started = Date.now();
      const method = init?.method || (input as Request).method || "GET";
      const url = String((input as Request).url || input);
      return originalFetch(input, init).then(
        (response) => {
          finished(method, url, response.status, started);
          return response;
        },
        (error) => {
          // An abort is the page's own decision, not a failure.
          if (error?.name !== "AbortError") finished(method, url, 0, started);
          throw error;
        },
      );
    };

    const xhr = XMLHttpRequest.prototype;
    const open = xhr.open;
    const send = xhr.send;
    type Tracked = XMLHttpRequest & { logwell?: string[] };
    xhr.open = function (this: Tracked, method: string, url: string | URL) {
      this.logwell = [method, String(url)];
      // biome-ignore lint/complexity/noArguments: open() has optional trailing parameters.
      return open.apply(this, arguments as unknown as Parameters<typeof open>);
    };
    xhr.send = function (this: Tracked, body) {
      const started = Date.now();
      const [method = "", url = ""] = this.logwell || [];
      // load = any HTTP answer, error/timeout = none; an abort is deliberate and not reported.
      for (const type of ["load", "error", "timeout"])
        this.addEventListener(type, () => finished(method, url, this.status, started));
      return send.call(this, body);
    };
  }

  if (options.csp) {
    on("securitypolicyviolation", (event) => {
      report("warn", `CSP ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`, {
        logger: "csp",
      });
    });
  }
}
