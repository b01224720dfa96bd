import type { ReactNode } from "react";

// "page": the page's own title (the sign-in and setup pages); "card": a card's title.
const looks = {
  page: { Heading: "h1", title: "text-2xl font-semibold", text: "mt-2" },
  card: { Heading: "h2", title: "font-medium", text: "mt-1" },
} as const;

/** A heading and the muted text under it that says what the page or card is for. */
export function TitledText({
  look,
  title,
  className = "",
  children,
}: {
  look: keyof typeof looks;
  title: ReactNode;
  /** Spacing and wrapping of the text, after the look's own. */
  className?: string;
  children: ReactNode;
}) {
  const { Heading, ...classes } = looks[look];
  return (
    <>
      <Heading className={classes.title}>{title}</Heading>
      <p className={`${className} ${classes.text} text-sm text-zinc-600`.trim()}>{children}</p>
    </>
  );
}
