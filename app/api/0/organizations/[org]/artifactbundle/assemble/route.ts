// POST /api/0/organizations/{org}/artifactbundle/assemble/ — sentry-cli assembles its uploaded
// chunks into an artifact bundle for the listed projects (docs/api.md → Source maps).
import { getDb } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { parseJsonBody } from "@/lib/projects/request-body";
import { withSentryErrors } from "@/lib/sourcemaps/sentry-api/answer";
import { assembleBundle, assembleRequestSchema } from "@/lib/sourcemaps/upload/assemble";
import { requireUploader } from "@/lib/sourcemaps/uploader";

export const POST = route(
  withSentryErrors(async (ctx) => {
    await requireUploader(ctx.request);
    const body = await parseJsonBody(ctx.request, assembleRequestSchema);
    return json(ctx, 200, await assembleBundle(await getDb(), body));
  }),
);
