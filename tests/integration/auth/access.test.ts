// Access scoping in the data-access layer (AUTH-3): who sees which project, identical 404s,
// and the role ladder for changes.
import { beforeAll, describe, expect, it } from "vitest";
import {
  canManageProjects,
  canManageUsers,
  requireRole,
  requireVisibleProject,
  visibleProjectIds,
} from "@/lib/auth/access";
import { oauthSignInAllowed } from "@/lib/auth/oauth-invite";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/http/errors";
import { createProject } from "@/lib/projects/create-project";
import { listVisibleProjects } from "@/lib/projects/list-projects";
import { createUser } from "@/lib/users/create-user";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { type SeededCast, seedCast } from "./fixtures";

describe.each(backends())("access scoping on %s", (backend) => {
  const database = useTestDatabase(backend);
  let seeded: SeededCast;
  let p: Record<
    "owner" | "admin" | "viewer" | "loneViewer" | "tokenAdmin" | "tokenViewer",
    Principal
  >;

  beforeAll(async () => {
    seeded = await seedCast(database.db);
    const lone = await createUser(database.db, { email: "lone@authz.test", role: "viewer" });
    p = {
      owner: {
        kind: "user",
        id: seeded.ids.owner,
        email: "owner@authz.test",
        name: null,
        role: "owner",
      },
      admin: {
        kind: "user",
        id: seeded.ids.admin,
        email: "admin@authz.test",
        name: null,
        role: "admin",
      },
      viewer: {
        kind: "user",
        id: seeded.ids.viewer,
        email: "viewer@authz.test",
        name: null,
        role: "viewer",
      },
      loneViewer: { kind: "user", id: lone.id, email: lone.email, name: null, role: "viewer" },
      tokenAdmin: { kind: "token", id: "t1", role: "admin" },
      tokenViewer: { kind: "token", id: "t2", role: "viewer" },
    };
  });

  it("owners, admins and tokens see every project; viewers only their memberships", async () => {
    const all = [seeded.projectA, seeded.projectB].sort();
    for (const who of ["owner", "admin", "tokenAdmin", "tokenViewer"] as const) {
      expect((await visibleProjectIds(database.db, p[who])).sort()).toEqual(all);
    }
    expect(await visibleProjectIds(database.db, p.viewer)).toEqual([seeded.projectA]);
    expect(await visibleProjectIds(database.db, p.loneViewer)).toEqual([]);
    expect((await listVisibleProjects(database.db, p.viewer)).map((x) => x.name)).toEqual([
      "Project A",
    ]);
    expect(await listVisibleProjects(database.db, p.loneViewer)).toEqual([]);
  });

  it("AUTH-3: foreign, missing and malformed ids throw the same not_found", async () => {
    const errors: ApiError[] = [];
    for (const id of [seeded.projectB, "0190a0a0-0000-7000-8000-000000000000", "1 or 1=1", ""]) {
      const err = await requireVisibleProject(database.db, p.viewer, id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      errors.push(err as ApiError);
    }
    expect(new Set(errors.map((e) => `${e.code}|${e.message}`)).size).toBe(1);
    expect(errors[0]?.status).toBe(404);
    expect((await requireVisibleProject(database.db, p.viewer, seeded.projectA)).id).toBe(
      seeded.projectA,
    );
    expect((await requireVisibleProject(database.db, p.tokenViewer, seeded.projectB)).id).toBe(
      seeded.projectB,
    );
  });

  it("a project created later is visible to admins, not to viewers until granted", async () => {
    const { project } = await createProject(database.db, { name: "Later" });
    expect(await visibleProjectIds(database.db, p.admin)).toContain(project.id);
    expect(await visibleProjectIds(database.db, p.viewer)).not.toContain(project.id);
  });

  it("requireRole: admin work needs admin or owner (or an admin token); user management needs a human owner", () => {
    const allowed = (who: keyof typeof p, role: "admin" | "owner") => {
      try {
        requireRole(p[who], role);
        return true;
      } catch (err) {
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).status).toBe(403);
        return false;
      }
    };
    expect(
      ["owner", "admin", "viewer", "tokenAdmin", "tokenViewer"].map((w) =>
        allowed(w as keyof typeof p, "admin"),
      ),
    ).toEqual([true, true, false, true, false]);
    expect(
      ["owner", "admin", "viewer", "tokenAdmin", "tokenViewer"].map((w) =>
        allowed(w as keyof typeof p, "owner"),
      ),
    ).toEqual([true, false, false, false, false]);
    expect(canManageProjects(p.tokenAdmin)).toBe(true);
    expect(canManageProjects(p.viewer)).toBe(false);
    expect(canManageUsers(p.owner)).toBe(true);
    expect(canManageUsers(p.admin)).toBe(false);
  });
});

describe.each(backends())("OAuth sign-in rule on %s", (backend) => {
  const database = useTestDatabase(backend);
  beforeAll(async () => {
    await createUser(database.db, { email: "invited@authz.test", role: "viewer" });
  });

  it("lets in invited emails only, and only when the provider verified the email", async () => {
    const db = database.db;
    const verified = { email_verified: true };
    expect(await oauthSignInAllowed(db, "Invited@authz.test", verified)).toBe(true);
    expect(await oauthSignInAllowed(db, "stranger@authz.test", verified)).toBe(false);
    expect(await oauthSignInAllowed(db, null, verified)).toBe(false);
    expect(await oauthSignInAllowed(db, "invited@authz.test", { email_verified: false })).toBe(
      false,
    );
    expect(await oauthSignInAllowed(db, "invited@authz.test", {})).toBe(false);
    expect(await oauthSignInAllowed(db, "invited@authz.test", undefined)).toBe(false);
  });
});
