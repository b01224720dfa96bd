// GET /settings/users — owners invite teammates (a one-time link), change roles, reset, remove
import type { Metadata } from "next";
import { Card } from "@/app/_ui/card";
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
      <Card headingId="users-heading" title="Users" headingClassName="mb-4">
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
      </Card>
      <Card headingId="add-user-heading" title="Invite a teammate" headingClassName="mb-4">
        <InviteForm projects={projects.map((p) => ({ id: p.id, name: p.name }))} />
      </Card>
    </div>
  );
}
