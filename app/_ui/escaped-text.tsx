import { splitInvisible, type TextSegment, type VisibleOptions } from "@/lib/logs/visible-text";

/**
 * Segments from lib/logs/visible-text.ts as React text nodes. Escapes are styled by attribute
 * (app/globals.css) rather than a class list: a page may hold hundreds of them.
 */
export function Segments({ segments }: { segments: TextSegment[] }) {
  return (
    <>
      {segments.map((segment) =>
        segment.kind === "escape" ? (
          <span key={segment.start} data-escape="">
            {segment.text}
          </span>
        ) : segment.kind === "omitted" ? (
          <span key={segment.start} data-escape-omitted="">
            {segment.text}
          </span>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}

/** Hostile text (log fields, project names): controls, bidi and zero-width shown as escapes. */
export function EscapedText({ text, ...options }: { text: string } & VisibleOptions) {
  return <Segments segments={splitInvisible(text, options)} />;
}
