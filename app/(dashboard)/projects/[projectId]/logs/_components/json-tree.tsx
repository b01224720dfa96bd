import { EscapedText } from "@/app/_ui/escaped-text";

/** Attributes as a collapsible tree (native <details>, no script); keys and values are text. */
export function JsonTree({
  value,
  name,
  depth = 0,
}: {
  value: unknown;
  name?: string;
  depth?: number;
}) {
  const label = name !== undefined && (
    <span className="font-mono text-sky-800 wrap-anywhere">
      <EscapedText text={name} />:{" "}
    </span>
  );
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value as Record<string, unknown>);
    const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
    return (
      <details open={depth < 2} className="ml-3">
        <summary className="cursor-pointer font-mono text-xs">
          {label}
          <span className="text-zinc-500">{summary}</span>
        </summary>
        <div className="border-l border-zinc-200 pl-2">
          {entries.map(([k, v]) => (
            <JsonTree key={k} name={k} value={v} depth={depth + 1} />
          ))}
        </div>
      </details>
    );
  }
  return (
    // A long string (a URL, a token) breaks anywhere instead of running past the window.
    <div className="ml-3 font-mono text-xs wrap-anywhere">
      {label}
      <span className={typeof value === "string" ? "text-emerald-800" : "text-fuchsia-800"}>
        {typeof value === "string" ? (
          <>
            &quot;
            <EscapedText text={value} />
            &quot;
          </>
        ) : (
          String(value)
        )}
      </span>
    </div>
  );
}
