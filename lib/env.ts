import { z } from "zod";

// The one place that reads process.env. Empty strings count as unset, so a blank line in a
// Vercel form or a `.env` file never turns into a bogus URL or secret.
const optional = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const optionalInt = (fallback: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? fallback : Number(v)),
    z.number().int().positive(),
  );

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional,
  POSTGRES_URL: optional,
  DATABASE_DRIVER: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["pglite", "pg", "neon"]).optional(),
  ),
  LOGWELL_DATA_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().default(".data")),
  UPSTASH_REDIS_REST_URL: optional,
  UPSTASH_REDIS_REST_TOKEN: optional,
  KV_REST_API_URL: optional,
  KV_REST_API_TOKEN: optional,
  REDIS_URL: optional,
  AUTH_SECRET: optional,
  // Self-hosting: "true" lets Auth.js trust the Host / X-Forwarded-Host header it is given.
  AUTH_TRUST_HOST: optional,
  AUTH_GITHUB_ID: optional,
  AUTH_GITHUB_SECRET: optional,
  AUTH_GOOGLE_ID: optional,
  AUTH_GOOGLE_SECRET: optional,
  CRON_SECRET: optional,
  LOGWELL_TRUSTED_PROXY_HEADER: optional,
  // The deployment's public URL (https://logs.example.com), set by the operator: makes the
  // source-map chunk-upload url absolute, which Sentry's bundler plugins (v11+) need.
  LOGWELL_PUBLIC_URL: optional,
  // Set per process by scripts/server.mjs (never by operators): signs the socket address header.
  LOGWELL_PEER_IP_SECRET: optional,
  // Set per process by scripts/server.mjs (never by operators): the ingest preparation threads
  // it resolved from the operator's LOGWELL_INGEST_THREADS ("auto" or a count, which only the
  // launcher reads), and the bundle they run (lib/ingest/prepare/prepare-threads.ts). Unset: none.
  LOGWELL_INGEST_THREAD_COUNT: z.preprocess(
    (v) => (v === "" || v === undefined ? 0 : Number(v)),
    z.number().int().min(0),
  ),
  LOGWELL_INGEST_WORKER_FILE: optional,
  LOGWELL_ADMIN_EMAIL: optional,
  LOGWELL_ADMIN_PASSWORD: optional,
  // Set by `npm run dev` (scripts/dev.mjs), which listens on 127.0.0.1 only: first-run setup
  // may then fill in its own token (lib/bootstrap/setup-token.ts).
  LOGWELL_DEV_LOCAL_ONLY: optional,
  LOG_LEVEL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  VERCEL: optional,
  VERCEL_GIT_COMMIT_SHA: optional,
  LOGWELL_COMMIT: optional,
  CI: optional,
  // Limits (docs/api.md defaults; configurable per deployment).
  LOGWELL_MAX_BODY_BYTES: optionalInt(1024 * 1024),
  LOGWELL_MAX_EVENTS_PER_REQUEST: optionalInt(1000),
  LOGWELL_RATE_LIMIT_TIMEOUT_MS: optionalInt(300),
  // Dashboard/API read queries are cancelled after this (threat QRY-5): a 503, never a hang.
  LOGWELL_QUERY_TIMEOUT_MS: optionalInt(5000),
  // Rows per export download; beyond it the file ends with a continuation cursor (EXP-3).
  LOGWELL_EXPORT_MAX_ROWS: optionalInt(100000),
  // Text search reads at most this many hours of events per page, then returns a cursor (QRY-5).
  LOGWELL_SEARCH_WINDOW_HOURS: optionalInt(24),
  // A live tail stream ends after this and the browser reconnects with the last id (serverless
  // functions have a maximum duration).
  LOGWELL_STREAM_MAX_SECONDS: optionalInt(50),
  // Operate (docs/operations.md): retention runs, start-up migrations, the first-start project.
  LOGWELL_PRUNE_BUDGET_MS: optionalInt(50_000),
  LOGWELL_PRUNE_BATCH_SIZE: optionalInt(5000),
  // Minutes between prunes of the self-hosted server's timer; "0" turns the timer off.
  LOGWELL_PRUNE_INTERVAL_MINUTES: z.preprocess(
    (v) => (v === "" || v === undefined ? 60 : Number(v)),
    z.number().int().min(0),
  ),
  // Alerts (docs/alerts.md): "true" lets webhook and Slack channels reach private, loopback and
  // link-local addresses (tests, receivers inside the operator's network).
  LOGWELL_ALERTS_ALLOW_PRIVATE_TARGETS: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["true", "false"]).default("false"),
  ),
  // Seconds between alert deliveries of the self-hosted server's timer; "0" turns it off.
  LOGWELL_ALERTS_INTERVAL_SECONDS: z.preprocess(
    (v) => (v === "" || v === undefined ? 15 : Number(v)),
    z.number().int().min(0),
  ),
  // Seconds between flushes of the ingest-health counts (docs/operations.md → Ingest health).
  LOGWELL_INGEST_HEALTH_FLUSH_SECONDS: z.preprocess(
    (v) => (v === "" || v === undefined ? 5 : Number(v)),
    z.number().int().min(1).max(300),
  ),
  // Email alerts (docs/operations.md → Email): SMTP_URL (smtp:// or smtps://user:pass@host:port)
  // or host, port, user and password; SMTP_FROM is the sender. Unset: email channels fail.
  SMTP_URL: optional,
  SMTP_HOST: optional,
  SMTP_PORT: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : Number(v)),
    z.number().int().min(1).max(65535).optional(),
  ),
  SMTP_USER: optional,
  SMTP_PASSWORD: optional,
  SMTP_FROM: optional,
  // Self-hosted servers apply pending migrations at start unless this is "false".
  LOGWELL_MIGRATE_ON_START: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["true", "false"]).default("true"),
  ),
  // Vercel's Neon integration: the direct (unpooled) URL that migrations should use.
  DATABASE_URL_UNPOOLED: optional,
  POSTGRES_URL_NON_POOLING: optional,
  // Set by Next.js: "phase-production-build" while `next build` runs.
  NEXT_PHASE: optional,
  PORT: optional,
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= envSchema.parse(process.env);
  return cached;
}

/** Tests change process.env between cases; production code never calls this. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** The Postgres URL when one is configured; undefined selects embedded PGlite. */
export function databaseUrl(): string | undefined {
  const e = env();
  return e.DATABASE_URL ?? e.POSTGRES_URL;
}

export const isProduction = () => env().NODE_ENV === "production";
