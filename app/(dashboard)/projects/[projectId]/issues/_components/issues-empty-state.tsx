import Link from "next/link";

/** A project without any issue yet: what makes one, and how to send a first error. */
export function IssuesEmptyState({ projectId, origin }: { projectId: string; origin: string }) {
  const curl = [
    `curl -X POST ${origin}/api/v1/logs \\`,
    `  -H "X-Logwell-Key: <your lw_pub_ key>" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"level":"error","message":"TypeError: cart is undefined"}'`,
  ].join("\n");
  return (
    <section
      data-empty-state=""
      className="space-y-3 rounded-lg border border-dashed border-zinc-300 bg-white p-6"
    >
      <h2 className="text-lg font-semibold">No issues yet</h2>
      <p className="text-sm text-zinc-600">
        Every error (level <code>error</code> or <code>fatal</code>, or any event with a stack) is
        grouped into an issue: the same crash a thousand times is one issue, counted. The browser
        SDK and Sentry SDKs report uncaught errors by themselves; get a key or a DSN in{" "}
        <Link href={`/projects/${projectId}/settings`} className="underline">
          project settings
        </Link>
        , or send one from a terminal:
      </p>
      <pre className="overflow-x-auto rounded bg-zinc-900 p-3 text-xs text-zinc-100">{curl}</pre>
      <p className="text-sm text-zinc-600">
        Every event, errors or not, is in{" "}
        <Link href={`/projects/${projectId}/logs`} className="underline">
          Logs
        </Link>
        .
      </p>
    </section>
  );
}
