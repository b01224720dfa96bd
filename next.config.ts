import type { NextConfig } from "next";
import { configSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships ~15 MB of wasm; bundling it would copy it into the public static folder.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pino-pretty"],
  // Self-hosted and Deno Deploy builds run the migrator from the bundle: it needs the SQL files.
  outputFileTracingIncludes: { "/**": ["./drizzle/**/*"] },
  poweredByHeader: false,
  // Sentry SDKs post to /api/<number>/envelope/ (and /store/) with the slash and follow no
  // redirect: Next's default 308 to the slash-less path would lose every event of the Node SDK.
  // Routes answer either form; pages still redirect to the slash-less form (proxy.ts).
  skipTrailingSlashRedirect: true,
  // `forbidden()` renders app/forbidden.tsx (403) for pages a role may not see (lib/auth/page-guard.ts).
  experimental: { authInterrupts: true },
  // `npm run typecheck` (tsc over app, lib, tests and scripts) runs in CI; checking again inside
  // every build only slows the parallel builds tests use.
  typescript: { ignoreBuildErrors: true },
  // Lets tests and parallel local runs keep separate builds (`LOGWELL_DIST_DIR=.next-e2e`).
  distDir: process.env.LOGWELL_DIST_DIR || ".next",
  // Opt-in self-contained server for containers (docs/deploy.md); `npm start` needs none.
  output: process.env.LOGWELL_OUTPUT === "standalone" ? "standalone" : undefined,
  // The browser SDK is loaded by other sites: `import ... from "<deployment>/logwell.mjs"` is a
  // cross-origin module script, which needs CORS (docs/sdk.md).
  // Everything else Next serves (Auth.js's pages, API routes, static files) gets the security
  // headers the proxy gives pages (lib/http/security-headers.ts); nosniff is harmless on the
  // SDK, which is served with a JavaScript content type.
  async headers() {
    const sdk = ["/logwell.js", "/logwell.mjs"].map((source) => ({
      source,
      headers: [{ key: "Access-Control-Allow-Origin", value: "*" }],
    }));
    return [...sdk, ...configSecurityHeaders()];
  },
};

export default nextConfig;
