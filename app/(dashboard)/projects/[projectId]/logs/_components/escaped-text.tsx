import { splitInvisible } from "@/lib/logs/visible-text";

/** Log text as React text nodes, with control/bidi/zero-width characters shown as escapes. */
export function EscapedText({
  text,
  keepNewlines = false,
}: {
  text: string;
  keepNewlines?: boolean;
}) {
  return (
    <>
      {splitInvisible(text, { keepNewlines }).map((segment) =>
        segment.escaped ? (
          <span
            key={segment.start}
            data-escape=""
            className="rounded bg-amber-100 px-0.5 font-mono text-amber-900"
          >
            {segment.text}
          </span>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
