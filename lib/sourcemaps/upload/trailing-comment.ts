import { normalizeDebugId } from "../debug-id";

// The comments a bundler or sentry-cli leaves at a script's end: `//# debugId=…` and
// `//# sourceMappingURL=…`. Only the last few KiB are read, whatever the script's size.

const tailBytes = 4096;

export function trailingComment(script: Uint8Array): {
  debugId?: string;
  sourceMappingUrl?: string;
} {
  const tail = new TextDecoder().decode(
    script.subarray(Math.max(0, script.byteLength - tailBytes)),
  );
  const debugId = normalizeDebugId(/\/\/# debugId=(\S+)/.exec(tail)?.[1]) ?? undefined;
  const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(tail)?.[1];
  return {
    ...(debugId ? { debugId } : {}),
    // Inline data: URLs are the map itself, not a reference to one.
    ...(url && !url.startsWith("data:") ? { sourceMappingUrl: url.slice(0, 2048) } : {}),
  };
}
