import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/open";
import { plural } from "@/lib/format/plural";
import { sourcemapLimits } from "@/lib/sourcemaps/limits";
import { projectIdFromRef } from "@/lib/sourcemaps/project-ref";
import type { UploadFile } from "@/lib/sourcemaps/upload/files-bundle";
import { uploadFiles } from "@/lib/sourcemaps/upload/upload-files";
import { UsageError } from "../errors";
import { escapeForTerminal as esc, type Output } from "../output";

// `logwell sourcemaps upload --project P [--release R] [--dist D] [--url-prefix ~/static] DIR`:
// the folder's .js/.mjs/.cjs and .map files, straight into the database, for those who do not
// use sentry-cli (docs/sourcemaps.md).

const wanted = /\.(?:js|mjs|cjs|map)$/;

async function collect(dir: string, root = dir, out: UploadFile[] = []): Promise<UploadFile[]> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") await collect(full, root, out);
    } else if (entry.isFile() && wanted.test(entry.name)) {
      if (out.length >= sourcemapLimits.filesPerBundle) {
        throw new UsageError(`More than ${sourcemapLimits.filesPerBundle} files under ${dir}.`);
      }
      const { size } = await stat(full);
      if (size > sourcemapLimits.fileBytes) {
        throw new UsageError(
          `${full} is ${size} bytes; a file may have at most ${sourcemapLimits.fileBytes}.`,
        );
      }
      out.push({
        path: path.relative(root, full).split(path.sep).join("/"),
        data: await readFile(full),
      });
    }
  }
  return out;
}

export async function sourcemapsUploadCommand(
  db: Db,
  flags: {
    project?: string;
    release?: string;
    dist?: string;
    "url-prefix"?: string;
    json?: boolean;
  },
  out: Output,
  dir: string | undefined,
) {
  if (!flags.project || !dir) {
    throw new UsageError("sourcemaps upload needs --project P and a folder.");
  }
  const projectId = await projectIdFromRef(db, flags.project);
  const files = await collect(dir);
  // A refused upload (a cap, no files) throws BundleError: "Failed: <why>", exit code 1.
  const result = await uploadFiles(db, projectId, files, {
    release: flags.release ?? null,
    dist: flags.dist ?? null,
    urlPrefix: flags["url-prefix"],
  });
  if (flags.json) return out.json(result);
  out.line(
    `${result.stored ? "Uploaded" : "Already uploaded:"} ${plural(result.files, "file")} (${result.bytes} bytes)` +
      `${flags.release ? ` for release ${esc(flags.release)}` : ""}.`,
  );
}
