import { CopyButton } from "./copy-button";

/** A titled, copyable block of set-up text. */
export function SnippetBlock({ title, text }: { title: string; text: string }) {
  return (
    <div>
      <div className="mb-1 flex items-center justify-between">
        <span className="text-xs font-semibold uppercase tracking-wide text-zinc-600">{title}</span>
        <CopyButton text={text} />
      </div>
      <pre className="overflow-x-auto rounded bg-zinc-900 p-3 text-xs text-zinc-100">{text}</pre>
    </div>
  );
}
