import { ApiError } from "@/lib/http/errors";

// The two ways a whole OTLP body is refused while decoding; a single bad record is only
// rejected (record.ts).

export const malformed = (reason: string, cause?: unknown) =>
  new ApiError("invalid_json", `The body is not a valid OTLP logs export request: ${reason}.`, {
    cause,
    body: { errors: [] },
  });

export const tooManyRecords = (maxRecords: number) =>
  new ApiError("payload_too_large", `At most ${maxRecords} log records per request.`);
