import { defineConfig } from "drizzle-kit";

// `drizzle-kit generate` needs no database: it diffs lib/db/schema against drizzle/meta.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./drizzle",
});
