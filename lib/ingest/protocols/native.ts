import { ApiError } from "@/lib/http/errors";
import { errorResponse, json } from "@/lib/http/respond";
import type { IngestProtocol } from "../ingest";
import { bodyShape, nativeBodies } from "../request/body";
import { presentedKey } from "../request/keys";

// POST /api/v1/logs (docs/api.md → Ingest): Logwell's own JSON and NDJSON bodies, the key from
// X-Logwell-Key, a bearer or ?key=, a 202 with counts, errors in the JSON envelope.

export const nativeProtocol: IngestProtocol = {
  bodyShape: (headers) => bodyShape(headers, nativeBodies),
  presentedKey,
  answer(ctx, { accepted, duplicates, rejected, errors }) {
    if (accepted + duplicates === 0) {
      return errorResponse(
        ctx,
        new ApiError("invalid_events", "The request holds no valid event.", { body: { errors } }),
      );
    }
    return json(ctx, 202, { accepted, duplicates, rejected, errors, request_id: ctx.requestId });
  },
  errorResponse,
};
