// The frame of a page's "nothing here yet" how-to (the explorer's, the issue list's): a
// dashed card with a title, prose and commands to copy.

export function EmptyStateCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section
      data-empty-state=""
      className="space-y-3 rounded-lg border border-dashed border-zinc-300 bg-white p-6"
    >
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** A command or snippet to copy, as text. */
export function CommandBlock({ text }: { text: string }) {
  return (
    <pre className="overflow-x-auto rounded bg-zinc-900 p-3 text-xs text-zinc-100">{text}</pre>
  );
}
