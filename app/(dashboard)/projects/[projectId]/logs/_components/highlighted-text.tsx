import { splitHighlight } from "@/lib/logs/highlight";
import { EscapedText } from "./escaped-text";

/** Escaped log text with the search term marked. */
export function HighlightedText({ text, term }: { text: string; term?: string }) {
  return (
    <>
      {splitHighlight(text, term).map((part) =>
        part.match ? (
          <mark key={part.start} className="rounded bg-yellow-200 text-inherit">
            <EscapedText text={part.text} />
          </mark>
        ) : (
          <EscapedText key={part.start} text={part.text} />
        ),
      )}
    </>
  );
}
