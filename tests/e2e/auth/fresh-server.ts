import { test } from "@playwright/test";
import { startServer, type TestServer } from "../../support/server";

/**
 * A server of its own, with an empty database and no LOGWELL_ADMIN_*, for the enclosing
 * describe: first run, where /setup asks for the printed token. Read it inside tests.
 */
export function useFreshServer(): () => TestServer {
  let server: TestServer | undefined;
  test.beforeAll(async () => {
    server = await startServer({
      env: { LOGWELL_ADMIN_EMAIL: undefined, LOGWELL_ADMIN_PASSWORD: undefined },
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error("useFreshServer: read it inside a test");
    return server;
  };
}
