import { migrateDatabase, openDatabase } from "@/lib/db/open";
import { createServerDatabase, dropServerDatabase } from "../support/db";
import { startServer } from "../support/server";
import { e2eAdmin } from "./fixtures/admin";

/**
 * Starts `next start` on the server Postgres when TEST_DATABASE_URL is set (CI), else on a fresh
 * PGlite folder, with a bootstrapped owner. Returns the teardown.
 */
export default async function globalSetup() {
  const databaseUrl = process.env.TEST_DATABASE_URL ? await createServerDatabase() : undefined;
  if (databaseUrl) {
    // Server Postgres is migrated by the deploy step (`npm run db:migrate`), not by the server.
    const database = await openDatabase({ url: databaseUrl, driver: "pg" });
    await migrateDatabase(database);
    await database.close();
  }
  const server = await startServer({
    port: Number(process.env.E2E_PORT || 3107),
    env: {
      DATABASE_URL: databaseUrl,
      LOGWELL_ADMIN_EMAIL: e2eAdmin.email,
      LOGWELL_ADMIN_PASSWORD: e2eAdmin.password,
      CRON_SECRET: e2eAdmin.cronSecret,
      // Alert receivers in the specs listen on 127.0.0.1 (tests/e2e/alerts).
      LOGWELL_ALERTS_ALLOW_PRIVATE_TARGETS: "true",
    },
  });
  return async () => {
    await server.stop();
    if (databaseUrl) await dropServerDatabase(databaseUrl);
  };
}
