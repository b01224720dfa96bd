import { createAdminToken } from "@/lib/auth/admin-tokens";
import { createProject } from "@/lib/projects/create-project";
import { type ServerSeededWith, startServerSeededWith } from "../../support/seed";

/** The read API tests' name for the shared seeded server (tests/support/seed.ts). */
export type ReadApiServer = ServerSeededWith<unknown>;
export const startReadApiServer = startServerSeededWith;

export { createAdminToken, createProject };
