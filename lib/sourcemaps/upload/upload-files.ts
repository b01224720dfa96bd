import type { Db } from "@/lib/db/open";
import { sha1 } from "./chunks";
import { bundleFromFiles, type UploadFile } from "./files-bundle";
import { bundleZip, readBundleHead } from "./source-bundle";
import { storeBundle } from "./store-bundle";

export interface UploadFilesResult {
  id: string;
  stored: boolean;
  files: number;
  bytes: number;
}

/**
 * Stores a folder's scripts and maps for a project (throws BundleError with a detail when a
 * cap or the content refuses it). The same files twice are stored once.
 */
export async function uploadFiles(
  db: Db,
  projectId: string,
  files: UploadFile[],
  options: { urlPrefix?: string; release?: string | null; dist?: string | null },
): Promise<UploadFilesResult> {
  const zip = bundleZip(bundleFromFiles(files, options));
  const head = readBundleHead(zip);
  const { id, stored } = await storeBundle(db, {
    projectId,
    checksum: sha1(zip),
    zip,
    head,
    release: options.release ?? null,
    dist: options.dist ?? null,
  });
  return { id, stored, files: head.entries.length, bytes: head.declaredBytes };
}
