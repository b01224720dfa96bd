import Link from "next/link";

/** What a new admin sees before the first event: how to send one. */
export function EmptyState({ projectId, origin }: { projectId: string; origin: string }) {
  const curl = [
    `curl -X POST ${origin}/api/v1/logs \\`,
    `  -H "X-Logwell-Key: <your lw_pub_ key>" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"level":"info","message":"hello from curl"}'`,
  ].join("\n");
  return (
    <section
      data-empty-state=""
      className="space-y-3 rounded-lg border border-dashed border-zinc-300 bg-white p-6"
    >
      <h2 className="text-lg font-semibold">No events yet</h2>
      <p className="text-sm text-zinc-600">
        Send your first log with this project&apos;s ingest key (create or copy one in{" "}
        <Link href={`/projects/${projectId}/settings`} className="underline">
          project settings
        </Link>
        ). Add the browser SDK to your app:
      </p>
      <pre className="overflow-x-auto rounded bg-zinc-900 p-3 text-xs text-zinc-100">{`<script src="${origin}/logwell.js" data-key="<your lw_pub_ key>" async></script>`}</pre>
      <p className="text-sm text-zinc-600">or try it from a terminal:</p>
      <pre className="overflow-x-auto rounded bg-zinc-900 p-3 text-xs text-zinc-100">{curl}</pre>
    </section>
  );
}
