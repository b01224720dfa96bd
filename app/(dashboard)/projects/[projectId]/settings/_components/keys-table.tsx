import { ConfirmForm } from "@/app/_ui/confirm-submit";
import { utcMinute } from "@/app/_ui/format";
import type { IngestKey } from "@/lib/db/schema";
import { sentryDsn } from "@/lib/projects/sentry-dsn";
import { CopyButton } from "../../../_components/copy-button";
import { SentryDsn } from "../../../_components/sentry-dsn";
import { SnippetBlock } from "../../../_components/snippet-block";
import { browserSnippet, curlExample } from "../../../_components/snippets";
import { revokeKeyAction } from "../actions";

/** The project's keys, each in full with its snippets: a key is public, like a Sentry DSN. */
export function KeysTable({
  projectId,
  projectNumber,
  keys,
  origin,
}: {
  projectId: string;
  projectNumber: number;
  keys: IngestKey[];
  origin: string;
}) {
  if (keys.length === 0) return <p className="text-sm text-zinc-600">No keys yet.</p>;
  return (
    <ul className="divide-y divide-zinc-200">
      {keys.map((k) => (
        <li key={k.id} className="py-3" data-testid="ingest-key-row">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <span className="font-medium">{k.name}</span>
            <span className="text-zinc-500">created {utcMinute(k.createdAt)}</span>
            <span className="text-zinc-500">last used {utcMinute(k.lastUsedAt)}</span>
            {k.revokedAt ? (
              <span className="rounded bg-zinc-200 px-2 py-0.5 text-xs">revoked</span>
            ) : (
              <ConfirmForm
                action={revokeKeyAction.bind(null, projectId)}
                className="ml-auto"
                field="keyId"
                value={k.id}
                small
                label="Revoke"
                confirmLabel="Yes, revoke"
                consequence="Apps sending with this key are refused (401) from now on, and it cannot be turned back on."
              />
            )}
          </div>
          <KeyValue ingestKey={k} />
          {!k.revokedAt && k.key && (
            <div className="mt-2">
              <SentryDsn dsn={sentryDsn(origin, k.key, projectNumber)} />
            </div>
          )}
          {!k.revokedAt && k.key && (
            <details className="mt-2">
              <summary className="cursor-pointer text-xs text-zinc-600">Snippets</summary>
              <div className="mt-2 space-y-2">
                <SnippetBlock title="Browser snippet" text={browserSnippet(origin, k.key)} />
                <SnippetBlock title="curl" text={curlExample(origin, k.key)} />
              </div>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

function KeyValue({ ingestKey: k }: { ingestKey: IngestKey }) {
  if (!k.key) {
    return (
      <p className="mt-1 text-xs text-zinc-600">
        <code className="font-mono">{k.prefix}…</code> was made before Logwell kept whole keys:
        create a new key to see it here with its snippets.
      </p>
    );
  }
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2">
      <code
        data-testid="ingest-key"
        className={`break-all font-mono text-sm ${k.revokedAt ? "text-zinc-400 line-through" : ""}`}
      >
        {k.key}
      </code>
      {!k.revokedAt && <CopyButton text={k.key} label="Copy key" />}
    </div>
  );
}
