import { CopyButton } from "./copy-button";
import { SentryDsn } from "./sentry-dsn";
import { SnippetBlock } from "./snippet-block";
import { browserSnippet, curlExample } from "./snippets";

/** A just-created ingest key and its Sentry DSN, with ready-to-paste snippets. */
export function NewKeyPanel({
  origin,
  ingestKey,
  sentryDsn,
}: {
  origin: string;
  ingestKey: string;
  sentryDsn: string;
}) {
  const snippet = browserSnippet(origin, ingestKey);
  const curl = curlExample(origin, ingestKey);
  return (
    <section
      aria-label="New ingest key"
      className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4"
    >
      <p className="text-sm font-medium">
        Your ingest key. It is public (like a Sentry DSN): it goes into your app and can only send
        logs to this project. It stays on the project's settings page.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="new-ingest-key" className="break-all rounded bg-white px-2 py-1 text-sm">
          {ingestKey}
        </code>
        <CopyButton text={ingestKey} label="Copy key" />
      </div>
      <SnippetBlock title="Browser snippet" text={snippet} />
      <SnippetBlock title="curl" text={curl} />
      <SentryDsn dsn={sentryDsn} />
    </section>
  );
}
