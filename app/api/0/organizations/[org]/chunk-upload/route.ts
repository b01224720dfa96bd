// GET /api/0/organizations/{org}/chunk-upload/ — sentry-cli's upload options; POST — its chunks
// (docs/api.md → Source maps). Any organisation slug is accepted: Logwell has one.
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { withSentryErrors } from "@/lib/sourcemaps/sentry-api/answer";
import { chunkUploadOptions } from "@/lib/sourcemaps/sentry-api/chunk-options";
import { readChunkParts, storeChunks } from "@/lib/sourcemaps/upload/chunks";
import { requireUploader } from "@/lib/sourcemaps/uploader";

export const GET = route(
  withSentryErrors(async (ctx, { org }: { org: string }) => {
    await requireUploader(ctx.request);
    return json(ctx, 200, chunkUploadOptions(org, env().LOGWELL_PUBLIC_URL));
  }),
);

export const POST = route(
  withSentryErrors(async (ctx) => {
    await requireUploader(ctx.request);
    await storeChunks(await getDb(), await readChunkParts(ctx));
    return json(ctx, 200, {});
  }),
);
