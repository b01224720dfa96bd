import { ApiError } from "@/lib/http/errors";
import { asObject } from "./values";

// The Sentry envelope framing, read the way Relay reads it (relay-server/src/envelope): a JSON
// header line, then items of `{item header}\n payload`, where the item header's `length` bounds
// the payload in BYTES (binary attachments) and its absence means "up to the next newline";
// a newline ends every header and payload, except at the very end of the body. Bytes, not a
// string: a length counts UTF-8 bytes, so decoding first would cut multi-byte text wrongly.
// Nothing here recurses into client JSON (JSON.parse is iterative) or copies a payload: items
// are views into the body, which the caller has already bounded.

export interface EnvelopeItem {
  /** The item header's `type`; "" when it has none (such an item is skipped). */
  type: string;
  headers: Record<string, unknown>;
  payload: Uint8Array;
}

export interface Envelope {
  headers: Record<string, unknown>;
  items: EnvelopeItem[];
}

const newline = 0x0a;
const utf8 = new TextDecoder("utf-8");

export const malformedEnvelope = (reason: string, cause?: unknown) =>
  new ApiError("invalid_json", `The body is not a valid Sentry envelope: ${reason}.`, {
    cause,
    body: { errors: [] },
  });

/** UTF-8 (with replacement, threat ENC-3) of a byte range, then JSON; undefined if not JSON. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    return undefined;
  }
}

/** The end of the line starting at `start`: the next newline, or the end of the body. */
function lineEnd(bytes: Uint8Array, start: number): number {
  const at = bytes.indexOf(newline, start);
  return at === -1 ? bytes.length : at;
}

/**
 * Splits an envelope into its header and items. A body whose framing cannot be followed (a
 * header that is not a JSON object, a `length` past the end or not followed by a newline) is
 * refused whole with 400, as Relay does: where one item ends is then unknowable. More than
 * `maxItems` items is 413, counted before any payload is parsed.
 */
export function parseEnvelope(bytes: Uint8Array, maxItems: number): Envelope {
  let end = lineEnd(bytes, 0);
  const headers = asObject(parseJsonBytes(bytes.subarray(0, end)));
  if (!headers) throw malformedEnvelope("the first line is not a JSON object");
  const items: EnvelopeItem[] = [];
  let offset = end + 1;
  while (offset < bytes.length) {
    end = lineEnd(bytes, offset);
    const line = bytes.subarray(offset, end);
    // Blank lines between items (an SDK's trailing newline doubled) carry nothing.
    if (isBlank(line)) {
      offset = end + 1;
      continue;
    }
    const itemHeaders = asObject(parseJsonBytes(line));
    if (!itemHeaders) throw malformedEnvelope(`item ${items.length + 1} has no JSON header`);
    if (items.length >= maxItems) {
      throw new ApiError("payload_too_large", `At most ${maxItems} items per envelope.`);
    }
    const start = Math.min(end + 1, bytes.length);
    const length = itemHeaders.length;
    let payloadEnd: number;
    if (length === undefined || length === null) {
      payloadEnd = lineEnd(bytes, start);
    } else {
      // Checked as a number before anything is sliced: a huge or negative length is refused.
      if (typeof length !== "number" || !Number.isInteger(length) || length < 0) {
        throw malformedEnvelope(`item ${items.length + 1} has an invalid length`);
      }
      payloadEnd = start + length;
      if (payloadEnd > bytes.length) {
        throw malformedEnvelope(`item ${items.length + 1} is shorter than its length`);
      }
      if (payloadEnd < bytes.length && bytes[payloadEnd] !== newline) {
        throw malformedEnvelope(`item ${items.length + 1} is longer than its length`);
      }
    }
    const type = typeof itemHeaders.type === "string" ? itemHeaders.type : "";
    items.push({ type, headers: itemHeaders, payload: bytes.subarray(start, payloadEnd) });
    offset = payloadEnd + 1;
  }
  return { headers, items };
}

function isBlank(line: Uint8Array): boolean {
  for (const byte of line) {
    // Space, tab, carriage return: what a CRLF writer leaves on an empty line.
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}
