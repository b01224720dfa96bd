import { beforeAll, describe, expect, it } from "vitest";
import type { UserPrincipal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/open";
import type { ApiError } from "@/lib/http/errors";
import {
  createView,
  deleteView,
  listViews,
  maxViewsPerProject,
  viewHref,
} from "@/lib/logs/views/views";
import { createProject } from "@/lib/projects/create-project";
import { addProjectMember } from "@/lib/projects/members";
import { createUser } from "@/lib/users/create-user";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";

const principal = (u: { id: string; email: string; role: "owner" | "admin" | "viewer" }) =>
  ({ kind: "user", id: u.id, email: u.email, name: null, role: u.role }) as UserPrincipal;

const code = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (err: ApiError) => err.code,
  );

describe.each(backends())("saved views on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let project: string;
  let foreign: string;
  let viewer: UserPrincipal;
  let other: UserPrincipal;
  let admin: UserPrincipal;

  beforeAll(async () => {
    db = database.db;
    project = (await createProject(db, { name: "views" })).project.id;
    foreign = (await createProject(db, { name: "foreign" })).project.id;
    viewer = principal(await createUser(db, { email: "v@views.test", role: "viewer" }));
    other = principal(await createUser(db, { email: "o@views.test", role: "viewer" }));
    admin = principal(await createUser(db, { email: "a@views.test", role: "admin" }));
    await addProjectMember(db, project, viewer.id);
    await addProjectMember(db, project, other.id);
  });

  it("saves a view any member can open by its URL", async () => {
    const view = await createView(db, viewer, project, {
      name: "Checkout errors",
      query: 'level:>=error release:web@2.* "card declined"',
      range: "24h",
    });
    expect(viewHref(view)).toBe(
      `/projects/${project}/logs?q=level%3A%3E%3Derror+release%3Aweb%402.*+%22card+declined%22&range=24h`,
    );
    const custom = await createView(db, viewer, project, {
      name: "Incident",
      query: "",
      range: "custom",
      from: "2026-12-01T10:00:00Z",
      to: "2026-12-01T11:00:00Z",
    });
    expect(viewHref(custom)).toBe(
      `/projects/${project}/logs?from=2026-12-01T10%3A00%3A00.000Z&to=2026-12-01T11%3A00%3A00.000Z`,
    );
    expect((await listViews(db, project)).map((v) => v.name)).toEqual([
      "Checkout errors",
      "Incident",
    ]);
  });

  it("refuses a query that does not parse, a foreign project and more than the cap", async () => {
    expect(
      await code(createView(db, viewer, project, { name: "x", query: '"open', range: "all" })),
    ).toBe("invalid_request");
    expect(
      await code(createView(db, viewer, foreign, { name: "x", query: "", range: "all" })),
    ).toBe("not_found");
    const capped = (await createProject(db, { name: "capped" })).project.id;
    for (let i = 0; i < maxViewsPerProject; i++) {
      await createView(db, admin, capped, { name: `v${i}`, query: "", range: "all" });
    }
    expect(
      await code(createView(db, admin, capped, { name: "one more", query: "", range: "all" })),
    ).toBe("conflict");
  });

  it("lets the creator or an admin delete a view, scope before role", async () => {
    const view = await createView(db, viewer, project, { name: "mine", query: "", range: "all" });
    expect(await code(deleteView(db, other, project, view.id))).toBe("forbidden");
    expect(await code(deleteView(db, other, foreign, view.id))).toBe("not_found");
    expect(await code(deleteView(db, admin, project, "not-a-uuid"))).toBe("not_found");
    expect(await code(deleteView(db, viewer, project, view.id))).toBe("ok");
    const again = await createView(db, viewer, project, { name: "mine", query: "", range: "all" });
    expect(await code(deleteView(db, admin, project, again.id))).toBe("ok");
    expect((await listViews(db, project)).map((v) => v.name)).not.toContain("mine");
  });
});
