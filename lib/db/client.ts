import "server-only";
import { type Database, openDatabase } from "./open";

// One lazily opened handle per process, kept on globalThis so dev hot reload does not open a
// second PGlite on the same folder (PGlite has no lock of its own) or leak pg pools.
const holder = globalThis as unknown as { __logwellDb?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  holder.__logwellDb ??= openDatabase().catch((err: unknown) => {
    // A failed open (database down at first request) must not poison every later request.
    holder.__logwellDb = undefined;
    throw err;
  });
  return holder.__logwellDb;
}

export async function getDb() {
  return (await getDatabase()).db;
}
