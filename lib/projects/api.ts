import type { z } from "zod";
import { requireRole, requireVisibleProject } from "@/lib/auth/access";
import type { Principal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/open";
import { ApiError } from "@/lib/http/errors";
import { createIngestKey, createProject } from "./create-project";
import { deleteProject } from "./delete-project";
import { ingestKeyDto, projectDto } from "./dto";
import { forgetProjectKeys } from "./forget-keys";
import { revokeIngestKey } from "./ingest-keys";
import { listVisibleProjects } from "./list-projects";
import type {
  createProjectBodySchema,
  newIngestKeyBodySchema,
  ProjectSettingsPatch,
} from "./schemas";
import { sentryDsn } from "./sentry-dsn";
import { updateProject } from "./update-project";

// The management operations behind /api/v1/projects/**, shared with the dashboard's server
// actions. Each one checks visibility (404) and role (403) itself.

export async function listProjectsFor(db: Db, principal: Principal) {
  return (await listVisibleProjects(db, principal)).map(projectDto);
}

/** `origin`: the deployment's public origin, for the new key's Sentry DSN. */
export async function createProjectAs(
  db: Db,
  principal: Principal,
  body: z.infer<typeof createProjectBodySchema>,
  origin: string,
) {
  requireRole(principal, "admin");
  const { project, key, ingestKey } = await createProject(db, {
    name: body.name,
    retentionDays: body.retention_days,
    allowedOrigins: body.allowed_origins,
  });
  return {
    project: projectDto(project),
    ingest_key: key,
    key: ingestKeyDto(ingestKey),
    sentry_dsn: sentryDsn(origin, key, project.number),
  };
}

/**
 * A request body is parsed only after the access checks (`input` may be a reader), so a foreign
 * project answers 404 and a viewer 403 whatever the body, with one project lookup per request.
 */
type Input<T> = T | (() => Promise<T>);
const resolve = <T>(input: Input<T>): Promise<T> =>
  typeof input === "function" ? (input as () => Promise<T>)() : Promise.resolve(input);

export async function updateProjectAs(
  db: Db,
  principal: Principal,
  projectId: string,
  patch: Input<ProjectSettingsPatch>,
) {
  await requireVisibleProject(db, principal, projectId);
  requireRole(principal, "admin");
  const project = await updateProject(db, projectId, await resolve(patch));
  if (!project) throw new ApiError("not_found", "Project not found.");
  forgetProjectKeys({ projectId });
  return projectDto(project);
}

export async function deleteProjectAs(db: Db, principal: Principal, projectId: string) {
  await requireVisibleProject(db, principal, projectId);
  requireRole(principal, "admin");
  const { deletedLogs, done } = await deleteProject(db, projectId);
  forgetProjectKeys({ projectId });
  return { deleted: true, deleted_logs: deletedLogs, done };
}

export async function createKeyAs(
  db: Db,
  principal: Principal,
  projectId: string,
  body: Input<z.infer<typeof newIngestKeyBodySchema>>,
  origin: string,
) {
  const project = await requireVisibleProject(db, principal, projectId);
  requireRole(principal, "admin");
  const { key, ingestKey } = await createIngestKey(db, projectId, (await resolve(body)).name);
  return {
    ingest_key: key,
    key: ingestKeyDto(ingestKey),
    sentry_dsn: sentryDsn(origin, key, project.number),
  };
}

export async function revokeKeyAs(db: Db, principal: Principal, projectId: string, keyId: string) {
  await requireVisibleProject(db, principal, projectId);
  requireRole(principal, "admin");
  const key = await revokeIngestKey(db, projectId, keyId);
  if (!key) throw new ApiError("not_found", "Key not found.");
  forgetProjectKeys({ keyId: key.id });
  return { key: ingestKeyDto(key) };
}
