import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { json, errorResponse as jsonErrorResponse } from "@/lib/http/respond";
import type { BodyFormat } from "../decode/decoders";
import { keyInEnvelopeHeader, sentryKeyOf } from "../decode/sentry/auth";
import type { IngestProtocol, IngestResult } from "../ingest";
import { contentEncoding } from "../request/decompress";

// POST /api/{number}/envelope/ and /api/{number}/store/ (docs/api.md → Sentry): what every
// Sentry SDK sends, unchanged. Any content type (the Node SDK sends none, browsers text/plain),
// gzip, deflate or br; the key from sentry_key, X-Sentry-Auth or the envelope's dsn header, and
// it must belong to the project the URL names. Success is 200 {"id"} (never 202: the Java SDK
// re-sends anything else); a 429 carries X-Sentry-Rate-Limits, which every SDK obeys.

/** The project number in the URL (under a path prefix too: /logwell/api/42/envelope/). */
export function sentryProjectNumber(request: Request): string | undefined {
  return /\/api\/([^/]+)\/(?:envelope|store)\/?$/.exec(new URL(request.url).pathname)?.[1];
}

function answer(ctx: RequestContext, result: IngestResult): Response {
  // Events or logs were sent and not one could be stored: malformed for us, as for Relay.
  if (result.received > 0 && result.accepted + result.duplicates === 0) {
    return errorResponse(
      ctx,
      new ApiError("invalid_events", "The envelope holds no valid event or log.", {
        body: { errors: result.errors },
      }),
    );
  }
  const id = result.answer?.id;
  return json(ctx, 200, id ? { id } : {});
}

/** The JSON error envelope; a 429 also says, in Sentry's terms, to hold back every category. */
function errorResponse(ctx: RequestContext, err: unknown): Response {
  const response = jsonErrorResponse(ctx, err);
  if (response.status === 429) {
    const seconds = response.headers.get("retry-after") ?? "60";
    response.headers.set("x-sentry-rate-limits", `${seconds}::project:rate_limited`);
  }
  return response;
}

const sentryProtocol = (format: BodyFormat): IngestProtocol => ({
  bodyShape: (headers) => ({
    format,
    encoding: contentEncoding(headers, ["identity", "gzip", "deflate", "br"]),
  }),
  presentedKey: sentryKeyOf,
  ...(format === "sentry-envelope" && { keyInBody: keyInEnvelopeHeader }),
  authorize(request, project) {
    if (sentryProjectNumber(request) !== String(project.number)) {
      throw new ApiError("forbidden", "This key belongs to another project than the URL's.");
    }
  },
  answer,
  errorResponse,
});

export const sentryEnvelopeProtocol = sentryProtocol("sentry-envelope");
export const sentryStoreProtocol = sentryProtocol("sentry-store");
