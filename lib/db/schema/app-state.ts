import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Small key/value facts the deployment keeps about itself (last prune run, setup token hash),
// in the database so every serverless instance sees the same value.
export const appState = pgTable("app_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
