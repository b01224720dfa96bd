/** One of the event's long fields under its heading, with the server's mark when it changed it. */
export function FieldSection({
  title,
  marked,
  className,
  children,
}: {
  title: string;
  marked?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-label={title} className={className}>
      <h2 className="mb-1 text-xs font-semibold uppercase text-zinc-500">
        {title}
        {marked}
      </h2>
      {children}
    </section>
  );
}
