import { ConfirmForm } from "@/app/_ui/confirm-submit";
import { EscapedText } from "@/app/_ui/escaped-text";
import { utcMinute } from "@/app/_ui/format";
import type { UploadSummary } from "@/lib/sourcemaps/uploads";
import { deleteSourcemapUploadAction } from "../actions";

// The project's source map uploads (docs/sourcemaps.md): release, files, size, last used, and
// delete. Release and file names are uploaded text, rendered as text.

const mib = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KiB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function SourcemapUploads({
  projectId,
  projectNumber,
  uploads,
}: {
  projectId: string;
  projectNumber: number;
  uploads: UploadSummary[];
}) {
  return (
    <div className="space-y-3 text-sm">
      <p className="text-zinc-600">
        Upload with sentry-cli and an admin API token:{" "}
        <code className="font-mono text-xs">
          SENTRY_URL=… SENTRY_AUTH_TOKEN=lw_sec_… npx @sentry/cli sourcemaps upload --org logwell
          --project {projectNumber} dist/
        </code>
        . Uploads no stack was mapped with for 90 days are deleted by the prune.
      </p>
      {uploads.length === 0 ? (
        <p className="text-zinc-600">No source maps uploaded yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-200" data-testid="sourcemap-uploads">
          {uploads.map((u) => (
            <li key={u.id} className="py-3" data-testid="sourcemap-upload">
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                <span className="font-medium">
                  {u.release ? <EscapedText text={u.release} /> : "debug ids"}
                  {u.dist && (
                    <span className="ml-1 text-zinc-500">
                      (dist <EscapedText text={u.dist} />)
                    </span>
                  )}
                </span>
                <span className="text-zinc-500">
                  {u.fileCount} files, {mib(u.size)} ({mib(u.storedSize)} stored)
                </span>
                <span className="text-zinc-500">uploaded {utcMinute(u.createdAt)}</span>
                <span className="text-zinc-500">last used {utcMinute(u.lastUsedAt)}</span>
                <ConfirmForm
                  action={deleteSourcemapUploadAction.bind(null, projectId)}
                  className="ml-auto"
                  field="uploadId"
                  value={u.id}
                  small
                  label="Delete"
                  confirmLabel="Yes, delete"
                  consequence="Stacks that used these maps show minified frames again."
                />
              </div>
              <ul className="mt-1 font-mono text-xs text-zinc-600">
                {u.files.map((f) => (
                  <li key={f}>
                    <EscapedText text={f} />
                  </li>
                ))}
                {u.fileCount > u.files.length && <li>… and {u.fileCount - u.files.length} more</li>}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
