import { sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn } from "./columns";

export const ipStorageModes = ["none", "truncated", "full"] as const;
export type IpStorage = (typeof ipStorageModes)[number];

export const projects = pgTable("projects", {
  id: idColumn(),
  // The project's id in its Sentry DSN (<scheme>://<key>@<host>/<number>): Sentry SDKs and
  // Relay-compatible tools route only digit project ids. Unique in the deployment, never reused
  // while the sequence lives; existing projects were numbered in creation order.
  number: integer("number").notNull().unique().generatedByDefaultAsIdentity(),
  name: text("name").notNull(),
  retentionDays: integer("retention_days").notNull().default(30),
  // Empty list = any origin may send (the ingest key is public anyway; this only narrows browsers).
  allowedOrigins: text("allowed_origins").array().notNull().default(sql`'{}'::text[]`),
  rateLimitPerIpPerMinute: integer("rate_limit_per_ip_per_minute").notNull().default(120),
  rateLimitEventsPerMinute: integer("rate_limit_events_per_minute").notNull().default(60000),
  ipStorage: text("ip_storage", { enum: ipStorageModes }).notNull().default("truncated"),
  // Optional cap on stored events; the prune removes the oldest beyond it.
  maxEvents: integer("max_events"),
  createdAt: createdAtColumn(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
