// GET /projects/[projectId] — a project opens on its Issues (the layout has already checked
// that the user may see it: a foreign or missing project is the 404 page, not a redirect).
import { redirect } from "next/navigation";
import { pageProject } from "@/lib/auth/page-guard";

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { project } = await pageProject((await params).projectId);
  redirect(`/projects/${project.id}/issues`);
}
