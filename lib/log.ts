import pino from "pino";
import { env } from "@/lib/env";

// JSON lines to stdout; never log a request body or an ingest key (threats INJ-1, HTTP-5).
export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: "logwell" },
  redact: { paths: ["key", "password", "token", "authorization"], censor: "[redacted]" },
  ...(env().NODE_ENV === "development" && !process.env.CI
    ? { transport: { target: "pino-pretty", options: { colorize: true } } }
    : {}),
});
