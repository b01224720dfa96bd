import { type AnyPgColumn, timestamp, uuid } from "drizzle-orm/pg-core";
import { v7 as uuidv7 } from "uuid";

// Columns many tables share, declared once. Ids are UUIDv7 made by the app (time-ordered, so new
// rows land at the primary key index's end). A row that belongs to a project or a user goes
// with it (ON DELETE CASCADE). Takes the referenced column lazily, so this file imports no table.

export const idColumn = () =>
  uuid("id")
    .primaryKey()
    .$defaultFn(() => uuidv7());

/** A required reference to its owner's row, deleted with it. */
export const ownerColumn = (name: string, owner: () => AnyPgColumn) =>
  uuid(name).notNull().references(owner, { onDelete: "cascade" });

export const createdAtColumn = () =>
  timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
