// String repair and code-point-safe truncation. Postgres rejects U+0000 in text and jsonb, and
// jsonb rejects lone surrogates (threats V-1, V-2); a UTF-16 slice can create one (ENC-2).

interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/** NUL → U+FFFD and lone surrogates → U+FFFD. Returns the input itself when nothing changed. */
export function repairString(value: string): string {
  let out = value;
  if (!(out as unknown as WellFormedString).isWellFormed()) {
    out = (out as unknown as WellFormedString).toWellFormed();
  }
  if (out.includes("\0")) out = out.replaceAll("\0", "\uFFFD");
  return out;
}

export function isCleanString(value: string): boolean {
  return (value as unknown as WellFormedString).isWellFormed() && !value.includes("\0");
}

/**
 * Longest prefix whose UTF-8 encoding fits in maxBytes, never splitting a code point.
 * The input must already be well-formed (repairString), so encoding it is lossless.
 */
export function truncateUtf8(value: string, maxBytes: number): string {
  // Each UTF-16 unit encodes to at most 3 UTF-8 bytes: most strings skip the encode entirely.
  if (value.length * 3 <= maxBytes) return value;
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length <= maxBytes) return value;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut code point.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.toString("utf8", 0, end);
}

/** Longest prefix of at most maxCodePoints code points. */
export function truncateCodePoints(value: string, maxCodePoints: number): string {
  if (value.length <= maxCodePoints) return value;
  let count = 0;
  let index = 0;
  while (index < value.length && count < maxCodePoints) {
    const unit = value.charCodeAt(index);
    const isPair =
      unit >= 0xd800 &&
      unit <= 0xdbff &&
      index + 1 < value.length &&
      value.charCodeAt(index + 1) >= 0xdc00 &&
      value.charCodeAt(index + 1) <= 0xdfff;
    index += isPair ? 2 : 1;
    count++;
  }
  return value.slice(0, index);
}

export function utf8Length(value: string): number {
  return Buffer.byteLength(value, "utf8");
}
