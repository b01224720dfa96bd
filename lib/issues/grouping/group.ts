import { createHash } from "node:crypto";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { firstLine, splitTitle, type TypeAndValue, typeAndValue } from "./exception-type";
import { defaultMarker, explicitFingerprint } from "./fingerprint";
import { locationPath } from "./frame-name";
import { type KeyFrame, keyFrames } from "./frames";
import { clip, groupingLimits } from "./limits";
import { type FrameMapping, withOriginalFrames } from "./original-frames";
import { parameterize } from "./parameterize";
import { sentryFrames, sentryTypeAndValue, thrownException } from "./sentry-frames";
import { readStackText } from "./stack-text";

// Which issue an event belongs to (docs/issues.md → Grouping):
// a pure function of the stored event. Any change to what a key is made of changes keys, so it
// comes with a new groupingVersion; an issue keeps the version its key was made with.
export const groupingVersion = 1;

export type GroupingInput = Pick<
  NormalizedEvent,
  "level" | "message" | "stack" | "url" | "attributes"
>;

export interface Grouping {
  /** sha256 hex of the parts below; compare only with keys of the same version. */
  key: string;
  version: number;
  /** What the key was made of. */
  basis: "fingerprint" | "frames" | "value" | "message";
  /** "Type: first line of the value", else the message's first line. */
  title: string;
  /** The top in-app frame as "function (file)", else the URL's path, else null. */
  culprit: string | null;
  type: string | null;
}

function hash(parts: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

function hasText(value: string | null): value is string {
  return value !== null && value.trim() !== "";
}

/** Error and fatal events, and any event with a stack or an exception, belong to an issue. */
export function isIssueMember(event: GroupingInput): boolean {
  if (event.level === "error" || event.level === "fatal" || hasText(event.stack)) return true;
  return thrownException(event.attributes) !== undefined;
}

interface DefaultKey {
  basis: "frames" | "value" | "message";
  parts: string[];
  frames: KeyFrame[];
  exception: TypeAndValue;
}

function defaultKey(event: GroupingInput, mapping: FrameMapping | undefined): DefaultKey {
  const thrown = thrownException(event.attributes);
  const text = hasText(event.stack) ? readStackText(event.stack) : { header: [], frames: [] };
  const raw = sentryFrames(thrown) ?? text.frames;
  const frames = keyFrames(mapping ? withOriginalFrames(raw, mapping) : raw);
  const sentry = sentryTypeAndValue(thrown);
  const exception = sentry.type
    ? { type: sentry.type, value: firstLine(sentry.value ?? "") }
    : typeAndValue(text.header, event.message);
  const type = exception.type ?? "";
  if (frames.length > 0) {
    return {
      basis: "frames",
      parts: [type, ...frames.map((f) => `${f.file} ${f.fn}`)],
      frames,
      exception,
    };
  }
  if (exception.type) {
    return { basis: "value", parts: [type, parameterize(exception.value)], frames, exception };
  }
  return { basis: "message", parts: [parameterize(event.message)], frames, exception };
}

function title({ type, value }: TypeAndValue, message: string): string {
  const text = type
    ? value
      ? `${type}: ${value}`
      : type
    : splitTitle(message).value || message.trim();
  return clip(text, groupingLimits.titleChars);
}

function culprit(frames: KeyFrame[], url: string | null): string | null {
  const top = frames[0];
  if (top) return clip(`${top.fn} (${top.file})`, groupingLimits.titleChars);
  const path = hasText(url) ? locationPath(url.trim()) : "";
  return path === "" ? null : clip(path, groupingLimits.titleChars);
}

/**
 * The event's issue key and what an issue shows of it, or null when it belongs to none. With a
 * mapping (its source maps, found at ingest), the frames it resolves count as their originals.
 */
export function groupEvent(event: GroupingInput, mapping?: FrameMapping): Grouping | null {
  if (!isIssueMember(event)) return null;
  const found = defaultKey(event, mapping);
  const fingerprint = explicitFingerprint(event.attributes);
  const defaultHash = hash([found.basis, ...found.parts]);
  const key = fingerprint
    ? hash([
        "fingerprint",
        ...fingerprint.map((part) => (defaultMarker.test(part) ? defaultHash : part)),
      ])
    : defaultHash;
  return {
    key,
    version: groupingVersion,
    basis: fingerprint ? "fingerprint" : found.basis,
    title: title(found.exception, event.message),
    culprit: culprit(found.frames, event.url),
    type: found.exception.type,
  };
}
