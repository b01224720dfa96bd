import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, ownerColumn } from "./columns";
import { projects } from "./projects";
import { users } from "./users";

// Keys and tokens are looked up by the SHA-256 hex of the full value, so no code path ever
// compares one as a string (threat AUTH-1). Admin tokens are secrets and stored only so.

export const ingestKeys = pgTable(
  "ingest_keys",
  {
    id: idColumn(),
    projectId: ownerColumn("project_id", () => projects.id),
    name: text("name").notNull().default("default"),
    // First characters of the key ("lw_pub_AbC1"), enough to recognise it in a list.
    prefix: text("prefix").notNull(),
    // The whole key. An ingest key ships inside every client app and only sends (like a Sentry
    // DSN), so the settings page shows it at any time; lookups still go by key_hash. Null for
    // keys made before it was kept.
    key: text("key"),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: createdAtColumn(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("ingest_keys_project_idx").on(t.projectId)],
);

export type IngestKey = typeof ingestKeys.$inferSelect;

export const adminTokenRoles = ["admin", "viewer"] as const;

// "cli": made by `npm run logwell -- token create`, owned by the operator, not by a user.
// "dashboard": made by a signed-in admin; it lives only while its creator is still an admin.
export const adminTokenOrigins = ["dashboard", "cli"] as const;

export const adminTokens = pgTable("admin_tokens", {
  id: idColumn(),
  name: text("name").notNull(),
  prefix: text("prefix").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  role: text("role", { enum: adminTokenRoles }).notNull().default("admin"),
  // Set null when the creator is removed: with createdVia "dashboard" that reads "creator
  // removed", and such a token is never accepted (lib/auth/admin-tokens.ts).
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdVia: text("created_via", { enum: adminTokenOrigins }).notNull().default("dashboard"),
  createdAt: createdAtColumn(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

export type AdminToken = typeof adminTokens.$inferSelect;
