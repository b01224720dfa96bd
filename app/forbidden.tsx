import Link from "next/link";

// 403 for pages a signed-in user's role may not open (forbidden() in lib/auth/page-guard.ts).
export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-zinc-600">Your role does not allow this page. Ask an owner.</p>
      <Link href="/projects" className="mt-6 inline-block underline">
        Back to projects
      </Link>
    </main>
  );
}
