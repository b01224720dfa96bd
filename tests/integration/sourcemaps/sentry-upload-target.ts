import { afterAll, beforeAll } from "vitest";
import * as assembleRoute from "@/app/api/0/organizations/[org]/artifactbundle/assemble/route";
import * as chunkRoute from "@/app/api/0/organizations/[org]/chunk-upload/route";
import { createAdminToken } from "@/lib/auth/admin-tokens";
import type { Db } from "@/lib/db/open";
import type { TestDatabase } from "../../support/db";
import { type HostedRoute, hostRoutes, type RouteHost } from "../../support/route-host";
import { seedProject } from "../../support/seed";

// What the sentry-cli and bundler-plugin tests upload against: the Sentry API routes of the
// chunked upload, an admin token and a project by number (sentry-cli's --project).

/** chunk-upload (options and chunks) and assemble, to host with hostRoutes. */
export const sentryUploadRoutes: HostedRoute[] = [
  { path: /^\/api\/0\/organizations\/(?<org>[^/]+)\/chunk-upload\/$/, methods: chunkRoute },
  {
    path: /^\/api\/0\/organizations\/(?<org>[^/]+)\/artifactbundle\/assemble\/$/,
    methods: assembleRoute,
  },
];

/** An admin token (scope cli) and a new project with its number. */
export async function seedUploadTarget(
  db: Db,
): Promise<{ token: string; projectId: string; projectNumber: string }> {
  const { token } = await createAdminToken(db, { name: "ci" }, "cli");
  const project = await seedProject(db);
  return { token, projectId: project.id, projectNumber: String(project.number) };
}

/**
 * The upload routes hosted on the describe block's database with an admin token, from
 * beforeAll to afterAll; read `url` and `token` inside hooks and tests.
 */
export function useUploadHost(database: TestDatabase): { url: string; token: string } {
  let host: RouteHost | undefined;
  let token = "";
  beforeAll(async () => {
    ({ token } = await createAdminToken(database.db, { name: "ci" }, "cli"));
    host = await hostRoutes(database, sentryUploadRoutes);
  });
  afterAll(async () => {
    await host?.close();
  });
  return {
    get url() {
      if (!host) throw new Error("useUploadHost: read it inside a hook or a test");
      return host.url;
    },
    get token() {
      return token;
    },
  };
}
