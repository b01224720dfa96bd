import Link from "next/link";

// A missing project and another team's project look the same (threat AUTH-3).
export default function DashboardNotFound() {
  return (
    <div className="py-12 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-zinc-600">
        This page does not exist, or you do not have access to it.
      </p>
      <Link href="/projects" className="mt-4 inline-block underline">
        Back to projects
      </Link>
    </div>
  );
}
