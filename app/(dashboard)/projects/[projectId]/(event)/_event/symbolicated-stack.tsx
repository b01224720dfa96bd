import { EscapedText } from "@/app/_ui/escaped-text";
import type {
  SymbolicatedLine,
  SymbolicatedStack,
  UnmappedReason,
} from "@/lib/sourcemaps/read/symbolicate";

// The stack read with the project's source maps (lib/sourcemaps/read): each mapped frame as
// original function, file:line:column and its source lines, the minified frame beneath it;
// frames that could not be mapped say why. Everything here is uploaded or client text,
// rendered as text.

const reasons: Record<UnmappedReason, string> = {
  no_location: "no file position",
  no_map: "no source map for this file",
  no_mapping: "the map has nothing at this position",
  map_too_large: "map too large to read",
  map_unreadable: "map could not be read",
  map_loading: "map still loading",
};

function MappedFrame({ line }: { line: SymbolicatedLine }) {
  const original = line.original;
  if (!original) {
    return (
      <li data-frame="unmapped" className="pl-4 text-zinc-400">
        <EscapedText text={line.text.trim()} />
        {line.reason && <span className="ml-2 text-xs italic">({reasons[line.reason]})</span>}
      </li>
    );
  }
  const context = original.context;
  return (
    <li data-frame="mapped" className="pl-4">
      <div className="text-zinc-100">
        at <EscapedText text={original.function ?? "?"} />{" "}
        <span className="text-zinc-300">
          (<EscapedText text={`${original.file}:${original.line}:${original.column}`} />)
        </span>
      </div>
      {context && (
        <ol start={context.first_line} className="my-1 rounded bg-zinc-800 py-1">
          {context.lines.map((text, i) => {
            const number = context.first_line + i;
            const isLine = number === original.line;
            return (
              <li
                key={number}
                data-source-line={isLine ? "current" : undefined}
                className={`flex whitespace-pre ${isLine ? "bg-zinc-700 text-white" : "text-zinc-400"}`}
              >
                <span className="w-12 shrink-0 select-none pr-3 text-right text-zinc-500">
                  {number}
                </span>
                <EscapedText text={text} />
              </li>
            );
          })}
        </ol>
      )}
      <div className="text-xs text-zinc-500">
        minified: <EscapedText text={line.text.trim()} />
      </div>
    </li>
  );
}

export function SymbolicatedStackView({ stack }: { stack: SymbolicatedStack }) {
  return (
    <ul
      data-field="symbolicated-stack"
      className="max-h-[40rem] overflow-auto rounded-lg bg-zinc-900 p-3 font-mono text-xs leading-5 text-zinc-100"
    >
      {stack.lines.map((line, i) =>
        line.frame ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are a fixed list in stack order
          <MappedFrame key={i} line={line} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are a fixed list in stack order
          <li key={i} className="font-semibold">
            <EscapedText text={line.text} />
          </li>
        ),
      )}
    </ul>
  );
}
