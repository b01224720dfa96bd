import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, ownerColumn } from "./columns";
import { projects } from "./projects";

// Source maps uploaded with sentry-cli (its chunked artifact-bundle upload) or Logwell's own
// upload, read when a stack is shown (lib/sourcemaps, docs/sourcemaps.md).

/**
 * Raw bytes. Drivers differ on what they return (pg and Neon a Buffer, PGlite a Uint8Array);
 * both are Uint8Arrays, and a hex string ("\x…") from a text-mode driver is decoded too.
 */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | string }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) =>
    typeof value === "string" ? Buffer.from(value.replace(/^\\x/, ""), "hex") : value,
});

/**
 * Chunks of an upload that is not assembled yet, keyed by their SHA-1 as sentry-cli names
 * them. They belong to no project until an assemble call names one; assembling deletes them,
 * and the prune removes chunks nobody assembled within a day. Stored as received: a chunk is a
 * slice of a zip whose files are already deflated.
 */
export const sourcemapChunks = pgTable("sourcemap_chunks", {
  checksum: text("checksum").primaryKey(),
  data: bytea("data").notNull(),
  // Its length, so the cap on pending chunks is a sum of integers, not of detoasted values.
  size: integer("size").notNull(),
  createdAt: createdAtColumn(),
});

/** One assembled upload (a sentry-cli artifact bundle, or one Logwell upload). */
export const sourcemapBundles = pgTable(
  "sourcemap_bundles",
  {
    id: idColumn(),
    projectId: ownerColumn("project_id", () => projects.id),
    // SHA-1 of the whole bundle: assembling the same bundle twice stores it once.
    checksum: text("checksum").notNull(),
    release: text("release"),
    dist: text("dist"),
    fileCount: integer("file_count").notNull(),
    // Decompressed bytes of its files (the per-project cap counts these) and bytes stored.
    size: bigint("size", { mode: "number" }).notNull(),
    storedSize: bigint("stored_size", { mode: "number" }).notNull(),
    createdAt: createdAtColumn(),
    // Moved forward (at most hourly) when a stack is symbolicated with one of its files; the
    // prune removes bundles unused for 90 days.
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("sourcemap_bundles_project_checksum").on(t.projectId, t.checksum),
    // The prune's "unused for 90 days" scan.
    index("sourcemap_bundles_last_used_idx").on(t.lastUsedAt),
  ],
);

export const sourcemapFileKinds = ["minified_source", "source_map", "source", "other"] as const;
export type SourcemapFileKind = (typeof sourcemapFileKinds)[number];

/** One file of a bundle: a minified script or its map, found by debug id or by release + URL. */
export const sourcemapFiles = pgTable(
  "sourcemap_files",
  {
    id: idColumn(),
    bundleId: ownerColumn("bundle_id", () => sourcemapBundles.id),
    projectId: ownerColumn("project_id", () => projects.id),
    kind: text("kind", { enum: sourcemapFileKinds }).notNull(),
    // As the manifest says: "~/static/app.js" (any scheme and host) or a full URL.
    url: text("url"),
    // Lowercase UUID with dashes; the script and its map share it.
    debugId: text("debug_id"),
    // The script's map, as its `sourcemap` header or sourceMappingURL names it.
    sourcemapRef: text("sourcemap_ref"),
    size: integer("size").notNull(),
    // Raw deflate (the zip's own compressed bytes when it deflated them).
    content: bytea("content").notNull(),
  },
  (t) => [
    // Symbolication's lookups: by debug id, then by URL (joined to the bundle's release).
    index("sourcemap_files_debug_id_idx")
      .on(t.projectId, t.debugId)
      .where(sql`${t.debugId} IS NOT NULL`),
    index("sourcemap_files_url_idx").on(t.projectId, t.url),
    index("sourcemap_files_bundle_idx").on(t.bundleId),
  ],
);

export type SourcemapBundle = typeof sourcemapBundles.$inferSelect;
export type SourcemapFile = typeof sourcemapFiles.$inferSelect;
