import { build } from "esbuild";

/** @sentry/browser as one script that sets window.Sentry (the npm package has no CDN bundle). */
export async function sentryBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: 'import * as Sentry from "@sentry/browser"; window.Sentry = Sentry;',
      resolveDir: process.cwd(),
    },
    bundle: true,
    format: "iife",
    minify: true,
    write: false,
  });
  return result.outputFiles[0]?.text ?? "";
}
