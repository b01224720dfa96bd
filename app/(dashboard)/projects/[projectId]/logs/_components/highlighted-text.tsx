import { Segments } from "@/app/_ui/escaped-text";
import { splitHighlight } from "@/lib/logs/highlight";
import { splitInvisibleParts, type VisibleOptions } from "@/lib/logs/visible-text";

/** Escaped log text with the search term marked; one escape budget for the whole text. */
export function HighlightedText({
  text,
  term,
  ...options
}: { text: string; term?: string } & VisibleOptions) {
  return (
    <>
      {splitInvisibleParts(text, splitHighlight(text, term), options).map((part) =>
        part.match ? (
          <mark key={part.start} className="rounded bg-yellow-200 text-inherit">
            <Segments segments={part.segments} />
          </mark>
        ) : (
          <Segments key={part.start} segments={part.segments} />
        ),
      )}
    </>
  );
}
