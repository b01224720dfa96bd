import type { ExportFormat } from "./export-format";
import { exportContentTypes } from "./export-format";

/**
 * RFC 6266 / RFC 5987: an ASCII `filename` fallback plus `filename*=UTF-8''…`. A raw non-Latin
 * project name in a header value throws "Cannot convert argument to a ByteString" (threat
 * V-15), so only percent-encoded bytes ever reach the header.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "") || "logs";
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** `logwell-<project>-20260101-1200.csv`; the name is trimmed and stripped of controls. */
export function exportFilename(label: string, format: ExportFormat, now: Date): string {
  const safeLabel = [...label.replace(/[\p{Cc}\p{Cf}/\\"]+/gu, " ").trim()]
    .slice(0, 60)
    .join("")
    .replace(/\s+/g, "-");
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `logwell-${safeLabel || "logs"}-${stamp}.${format}`;
}

export function exportHeaders(format: ExportFormat, filename: string): Record<string, string> {
  return {
    "content-type": exportContentTypes[format],
    "content-disposition": contentDisposition(filename),
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
  };
}
