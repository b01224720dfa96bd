import { afterAll, beforeAll } from "vitest";
import { type BackendName, createTestDatabase, type TestDatabase } from "./db";

/**
 * A fresh database for the enclosing `describe`: opened before its first test (ahead of the
 * hooks registered after this call), closed after its last. Read `.db`/`.url` inside hooks and
 * tests only; the database does not exist while the suite is being collected.
 */
export function useTestDatabase(backend: BackendName): TestDatabase {
  let opened: TestDatabase | undefined;
  const current = () => {
    if (!opened) throw new Error("useTestDatabase: read it inside a hook or a test");
    return opened;
  };
  beforeAll(async () => {
    opened = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await opened?.close();
  });
  return {
    get db() {
      return current().db;
    },
    get kind() {
      return current().kind;
    },
    get url() {
      return current().url;
    },
    close: () => current().close(),
  };
}
