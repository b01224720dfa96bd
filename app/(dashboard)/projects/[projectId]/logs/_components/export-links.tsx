/** Downloads of the current filter; the API streams them with Content-Disposition: attachment. */
export function ExportLinks({ query }: { query: string }) {
  const formats = [
    ["csv", "CSV"],
    ["ndjson", "NDJSON"],
    ["json", "JSON"],
  ] as const;
  return (
    <div className="flex items-center gap-1 text-sm" data-export-links="">
      <span className="text-xs text-zinc-500">Export:</span>
      {formats.map(([format, label]) => (
        <a
          key={format}
          href={`/api/v1/logs/export?${query}&format=${format}`}
          download
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs font-medium hover:bg-zinc-100"
        >
          {label}
        </a>
      ))}
    </div>
  );
}
