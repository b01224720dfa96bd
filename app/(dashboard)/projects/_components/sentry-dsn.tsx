import { CopyButton } from "./copy-button";
import { SnippetBlock } from "./snippet-block";
import { sentrySnippets } from "./snippets";

/** A key's Sentry DSN with a copy button and a set-up snippet per platform. */
export function SentryDsn({ dsn }: { dsn: string }) {
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-xs font-semibold uppercase tracking-wide text-zinc-600">
          Sentry DSN
        </span>
        <code data-testid="sentry-dsn" className="break-all rounded bg-white px-2 py-1 font-mono">
          {dsn}
        </code>
        <CopyButton text={dsn} label="Copy DSN" />
      </div>
      <details>
        <summary className="cursor-pointer text-xs text-zinc-600">
          Sentry SDK set-up (any platform's SDK sends here unchanged)
        </summary>
        <div className="mt-2 space-y-2">
          {sentrySnippets(dsn).map((s) => (
            <SnippetBlock key={s.title} title={s.title} text={s.text} />
          ))}
        </div>
      </details>
    </div>
  );
}
