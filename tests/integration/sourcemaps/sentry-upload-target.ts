import * as assembleRoute from "@/app/api/0/organizations/[org]/artifactbundle/assemble/route";
import * as chunkRoute from "@/app/api/0/organizations/[org]/chunk-upload/route";
import { createAdminToken } from "@/lib/auth/admin-tokens";
import type { Db } from "@/lib/db/open";
import type { HostedRoute } from "../../support/route-host";
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
