import { boolean, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, ownerColumn } from "./columns";
import { projects } from "./projects";

export const userRoles = ["owner", "admin", "viewer"] as const;
export type UserRole = (typeof userRoles)[number];

export const users = pgTable("users", {
  id: idColumn(),
  // Stored lower-cased; unique so an invite and an OAuth sign-in meet on the same row.
  email: text("email").notNull().unique(),
  name: text("name"),
  // scrypt hash "scrypt$N$r$p$salt$hash"; null for users invited to sign in with OAuth only.
  passwordHash: text("password_hash"),
  role: text("role", { enum: userRoles }).notNull().default("viewer"),
  createdAt: createdAtColumn(),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  /** Opted in to alert emails of the projects this user sees (email channels, account page). */
  alertEmails: boolean("alert_emails").notNull().default(false),
});

export type User = typeof users.$inferSelect;

// Viewers see only the projects they are members of; owners and admins see every project.
export const projectMembers = pgTable(
  "project_members",
  {
    projectId: ownerColumn("project_id", () => projects.id),
    userId: ownerColumn("user_id", () => users.id),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] })],
);

// One row per signed-in browser. The session cookie (a JWT) names its row and the principal is
// loaded through it, so deleting the row ends that session at once: on sign-out, on a password
// change, on "sign out of all devices" and on an owner's reset (lib/auth/sessions.ts).
export const userSessions = pgTable(
  "user_sessions",
  {
    id: idColumn(),
    userId: ownerColumn("user_id", () => users.id),
    createdAt: createdAtColumn(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Serves "this user's sessions" (account page, revoke all); lookups by id use the primary key.
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

export type UserSession = typeof userSessions.$inferSelect;

export const passwordLinkPurposes = ["invite", "reset"] as const;

// One-time links to set a password: an owner's invite (the user row exists already, so an
// invited email can also sign in with GitHub or Google) or an owner's reset. Stored by hash
// like every secret; one live link per user (a new one replaces the old).
export const passwordLinks = pgTable(
  "password_links",
  {
    id: idColumn(),
    userId: ownerColumn("user_id", () => users.id),
    purpose: text("purpose", { enum: passwordLinkPurposes }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAtColumn(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("password_links_user_idx").on(t.userId)],
);
