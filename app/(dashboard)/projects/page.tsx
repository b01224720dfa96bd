// GET /projects — the projects the signed-in user may see; admins create new ones here
import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/app/_ui/card";
import { EscapedText } from "@/app/_ui/escaped-text";
import { cardClass } from "@/app/_ui/styles";
import { TitledText } from "@/app/_ui/titled-text";
import { canManageProjects } from "@/lib/auth/access";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { siteOrigin } from "@/lib/http/site-origin";
import { listProjectDeletions } from "@/lib/projects/delete-project";
import { listVisibleProjects } from "@/lib/projects/list-projects";
import { CreateProjectForm } from "./_components/create-project-form";
import { DeletionsInProgress } from "./_components/deletions-in-progress";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const user = await requirePageUser();
  const db = await getDb();
  const canCreate = canManageProjects(user);
  const [projects, deletions] = await Promise.all([
    listVisibleProjects(db, user),
    canCreate ? listProjectDeletions(db) : [],
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Projects</h1>
      <DeletionsInProgress deletions={deletions} />
      {projects.length === 0 && (
        <div className={cardClass}>
          <TitledText look="card" title="No projects yet">
            {canCreate
              ? "Create your first project: you get an ingest key and a snippet to paste into your app."
              : "An admin has not given you access to any project yet."}
          </TitledText>
        </div>
      )}
      {projects.length > 0 && (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {projects.map((p) => (
            <li key={p.id} className={cardClass}>
              <Link href={`/projects/${p.id}/issues`} className="font-medium hover:underline">
                <EscapedText text={p.name} />
              </Link>
              <p className="mt-1 text-xs text-zinc-500">
                Keeps logs {p.retentionDays} days
                {canCreate && (
                  <>
                    {" · "}
                    <Link href={`/projects/${p.id}/settings`} className="underline">
                      Settings
                    </Link>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <Card headingId="new-project" title="New project" headingClassName="mb-3">
          <CreateProjectForm origin={await siteOrigin()} />
        </Card>
      )}
    </div>
  );
}
