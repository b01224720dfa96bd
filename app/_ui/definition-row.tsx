import type { ReactNode } from "react";

// The two looks a term and its value take: the status page's facts (value to the right) and an
// event's fields (a column of terms).
const looks = {
  fact: [
    "flex justify-between gap-4 border-b border-zinc-100 py-2 last:border-0",
    "text-sm text-zinc-600",
    "text-right text-sm font-medium",
  ],
  field: [
    "grid grid-cols-[9rem_1fr] gap-2 border-b border-zinc-100 py-1 text-sm",
    "text-zinc-500",
    "min-w-0 break-words",
  ],
} as const;

export interface RowProps {
  label: string;
  children: ReactNode;
}

/** One term and its value in a definition list. */
export function DefinitionRow({ label, children, look }: RowProps & { look: keyof typeof looks }) {
  const [row, term, value] = looks[look];
  return (
    <div className={row}>
      <dt className={term}>{label}</dt>
      <dd className={value}>{children}</dd>
    </div>
  );
}
