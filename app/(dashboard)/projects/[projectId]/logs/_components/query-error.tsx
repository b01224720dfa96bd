import type { QueryError } from "@/lib/logs/query/ast";

/** Where and why the query does not parse: the message, and the query with that character marked. */
export function QueryErrorNote({
  id,
  query,
  error,
}: {
  id: string;
  query: string;
  error: QueryError;
}) {
  const chars = Array.from(query);
  const at = error.position - 1;
  return (
    <div
      id={id}
      role="alert"
      data-query-error={error.position}
      className="mt-1 text-xs text-red-800"
    >
      <p>
        Query error at character {error.position}: {error.message}
      </p>
      {/* Text nodes only: the query is the user's text and may hold markup (XSS-1). */}
      <code className="block whitespace-pre-wrap break-all font-mono text-zinc-700">
        {chars.slice(0, at).join("")}
        <mark className="bg-red-200 text-red-900">{chars[at] ?? " "}</mark>
        {chars.slice(at + 1).join("")}
      </code>
    </div>
  );
}
