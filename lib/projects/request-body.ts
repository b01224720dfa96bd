import type { z } from "zod";
import { ApiError } from "@/lib/http/errors";

const maxBodyBytes = 64 * 1024;

/** Reads and validates a small JSON management body: 400 with zod's issues, never a 500. */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  { optional = false } = {},
): Promise<z.infer<S>> {
  const text = await readBoundedText(request);
  let value: unknown = {};
  if (text.trim() !== "" || !optional) {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError("invalid_json", "The body is not valid JSON.");
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ApiError("invalid_request", "The body does not match the expected shape.", {
      body: {
        errors: parsed.error.issues.slice(0, 20).map((i) => ({
          path: i.path.join("."),
          message: i.message,
        })),
      },
    });
  }
  return parsed.data;
}

/** The body as text, refusing more than maxBodyBytes while reading (chunked bodies included). */
async function readBoundedText(request: Request): Promise<string> {
  const tooLarge = () => new ApiError("payload_too_large", "Body too large (64 KiB at most).");
  if (Number(request.headers.get("content-length") ?? 0) > maxBodyBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
