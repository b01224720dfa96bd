import { Segments } from "@/app/_ui/escaped-text";
import { stackLines } from "@/lib/logs/stack-lines";
import { splitInvisibleParts } from "@/lib/logs/visible-text";

/** The stack as stored, one element per line (the event page, and a grid row expanded inline). */
export function RawStack({ stack }: { stack: string }) {
  return (
    <pre
      data-field="stack"
      className="max-h-96 overflow-auto rounded-lg bg-zinc-900 p-3 font-mono text-xs leading-5 text-zinc-100"
    >
      {splitInvisibleParts(stack, stackLines(stack), { keepNewlines: true }).map((line) => (
        <div key={line.start} className={line.isFrame ? "pl-4 text-zinc-300" : "font-semibold"}>
          <Segments segments={line.segments} />
        </div>
      ))}
    </pre>
  );
}
