import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { readBody } from "@/lib/ingest/request/body";

/**
 * An upload request's multipart body as FormData, read under `maxBytes` (413 past it): 415 when
 * it is not multipart/form-data (`expected` says what to send), 400 when it does not parse.
 */
export async function readMultipartForm(
  ctx: RequestContext,
  maxBytes: number,
  expected: string,
): Promise<FormData> {
  const contentType = ctx.request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new ApiError("unsupported_media_type", expected);
  }
  const body = await readBody(ctx, { format: "json", encoding: "identity" }, maxBytes);
  try {
    return await new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": contentType },
    }).formData();
  } catch (cause) {
    throw new ApiError("invalid_request", "The multipart body could not be read.", { cause });
  }
}
