// GET /settings/users — owners invite teammates (a one-time link), change roles, reset, remove
import type { Metadata } from "next";
import { cardClass } from "@/app/_ui/styles";
import { requireRole } from "@/lib/auth/access";
import { orPageError } from "@/lib/auth/page-guard";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listVisibleProjects } from "@/lib/projects/list-projects";
import { listUsers } from "@/lib/users/manage-users";
import { InviteForm, UserRowForms } from "./user-forms";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requirePageUser();
  await orPageError(async () => requireRole(user, "owner"));
  const db = await getDb();
  const [users, projects] = await Promise.all([listUsers(db), listVisibleProjects(db, user)]);
  return (
    <div className="space-y-6">
      <section className={cardClass} aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-4 font-medium">
          Users
        </h2>
        <ul className="divide-y divide-zinc-200">
          {users.map((u) => (
            <li
              key={u.id}
              className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center"
              data-testid="user-row"
            >
              <div className="min-w-0 flex-1">
                <p className="break-all text-sm font-medium">{u.email}</p>
                <p className="text-xs text-zinc-500">
                  {u.role} · {u.hasPassword ? "password" : "no password yet (invited or reset)"}
                  {u.id === user.id ? " · you" : ""}
                </p>
              </div>
              <UserRowForms userId={u.id} role={u.role} email={u.email} />
            </li>
          ))}
        </ul>
      </section>
      <section className={cardClass} aria-labelledby="add-user-heading">
        <h2 id="add-user-heading" className="mb-4 font-medium">
          Invite a teammate
        </h2>
        <InviteForm projects={projects.map((p) => ({ id: p.id, name: p.name }))} />
      </section>
    </div>
  );
}
