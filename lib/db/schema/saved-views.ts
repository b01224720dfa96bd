import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, ownerColumn } from "./columns";
import { projects } from "./projects";
import { users } from "./users";

// Saved explorer views (issue 18 §1): a name for a query, a time range and the grid's columns,
// shared by every member of the project. A view opens as the explorer URL it stands for, so a
// view is shareable by that link and the URL stays the explorer's state (lib/logs/views/).

export const savedViews = pgTable(
  "saved_views",
  {
    id: idColumn(),
    projectId: ownerColumn("project_id", () => projects.id),
    name: text("name").notNull(),
    /** The `q` text (query syntax), "" for none. */
    query: text("query").notNull().default(""),
    /** A preset (`15m`, `1h`, `24h`, `7d`), `custom` with from/to, or `all`. */
    range: text("range").notNull().default("all"),
    from: timestamp("from", { withTimezone: true }),
    to: timestamp("to", { withTimezone: true }),
    /** Extra grid columns (field names or `attr.path`), in order. */
    columns: text("columns").array().notNull().default([]),
    /** Who saved it; kept when they leave (the view is the project's). */
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
  },
  // The explorer lists a project's views by name.
  (t) => [index("saved_views_project_name_idx").on(t.projectId, t.name)],
);

export type SavedView = typeof savedViews.$inferSelect;
