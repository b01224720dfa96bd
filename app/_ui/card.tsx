import type { ComponentProps, ReactNode } from "react";
import { cardClass } from "./styles";

/** A titled section of a dashboard page; its heading names it for screen readers. */
export function Card({
  headingId,
  title,
  headingClassName = "",
  className = "",
  children,
  ...section
}: {
  headingId: string;
  title: ReactNode;
  /** Spacing and colour of the heading (it is always font-medium). */
  headingClassName?: string;
} & ComponentProps<"section">) {
  return (
    <section
      {...section}
      className={`${cardClass} ${className}`.trim()}
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className={`${headingClassName} font-medium`.trim()}>
        {title}
      </h2>
      {children}
    </section>
  );
}
