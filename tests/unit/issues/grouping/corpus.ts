import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { GroupingInput } from "@/lib/issues/grouping";

// The stack corpus (tests/fixtures/stacks/, captured by its capture/capture.mjs from real engines).

export const engines = ["chrome", "firefox", "safari", "node"] as const;
export const builds = ["deploy-1", "deploy-2", "deploy-1.min", "deploy-2.min"] as const;
export const errors = ["checkoutTotal", "placeOrder", "renderPrices"] as const;
export type Engine = (typeof engines)[number];
export type Build = (typeof builds)[number];
export type ErrorName = (typeof errors)[number];

interface Fixture {
  engine: string;
  files: string[];
  captured: Record<ErrorName, { message: string; stack: string }>;
}

const dir = path.resolve(__dirname, "../../../fixtures/stacks");

export function fixture(engine: Engine, build: Build): Fixture {
  return JSON.parse(readFileSync(path.join(dir, `${engine}.${build}.json`), "utf8")) as Fixture;
}

/** What @sentry/browser sent for each error in Chromium (one envelope as text). */
export function sentryBrowserEnvelope(build: Build, error: ErrorName): string {
  const file = path.join(dir, `sentryBrowser.${build}.json`);
  const { captured } = JSON.parse(readFileSync(file, "utf8")) as {
    captured: Record<ErrorName, string>;
  };
  return captured[error];
}

export const fixtureCount = readdirSync(dir).filter((name) => name.endsWith(".json")).length;

/** The event the native SDK stores for a captured error (window.onerror's message, the stack). */
export function nativeEvent(engine: Engine, build: Build, error: ErrorName): GroupingInput {
  const { message, stack } = fixture(engine, build).captured[error];
  return {
    level: "error",
    message,
    stack,
    url: "https://shop.example.com/checkout?step=2",
    attributes: null,
  };
}
