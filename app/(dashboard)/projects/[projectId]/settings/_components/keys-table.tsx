import { utcMinute } from "@/app/_ui/format";
import { secondaryButtonClass } from "@/app/_ui/styles";
import type { IngestKey } from "@/lib/db/schema";
import { SnippetBlock } from "../../../_components/new-key-panel";
import { browserSnippet, curlExample } from "../../../_components/snippets";
import { revokeKeyAction } from "../actions";

const when = utcMinute;

export function KeysTable({
  projectId,
  keys,
  origin,
}: {
  projectId: string;
  keys: IngestKey[];
  origin: string;
}) {
  if (keys.length === 0) return <p className="text-sm text-zinc-600">No keys yet.</p>;
  return (
    <ul className="divide-y divide-zinc-200">
      {keys.map((k) => (
        <li key={k.id} className="py-3" data-testid="ingest-key-row">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <code className="font-mono">{k.prefix}…</code>
            <span className="font-medium">{k.name}</span>
            <span className="text-zinc-500">created {when(k.createdAt)}</span>
            <span className="text-zinc-500">last used {when(k.lastUsedAt)}</span>
            {k.revokedAt ? (
              <span className="rounded bg-zinc-200 px-2 py-0.5 text-xs">revoked</span>
            ) : (
              <form action={revokeKeyAction.bind(null, projectId)} className="ml-auto">
                <input type="hidden" name="keyId" value={k.id} />
                <button type="submit" className={`${secondaryButtonClass} py-1 text-xs`}>
                  Revoke
                </button>
              </form>
            )}
          </div>
          {!k.revokedAt && (
            <details className="mt-2">
              <summary className="cursor-pointer text-xs text-zinc-600">Snippets</summary>
              <div className="mt-2 space-y-2">
                <SnippetBlock
                  title="Browser snippet"
                  text={browserSnippet(origin, `${k.prefix}…(full key)`)}
                />
                <SnippetBlock title="curl" text={curlExample(origin, `${k.prefix}…(full key)`)} />
              </div>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
