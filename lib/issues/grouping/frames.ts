import { fileBasename, functionName } from "./frame-name";
import { isLibraryFile } from "./in-app";
import type { RawFrame } from "./stack-text";

// The frames that make a grouping key: of the frames nearest the error (at most
// groupingLimits.frameWindow, as read), the in-app ones with a name, each as "file function".

export interface KeyFrame {
  file: string;
  fn: string;
}

export function keyFrames(frames: readonly RawFrame[]): KeyFrame[] {
  const out: KeyFrame[] = [];
  for (const frame of frames) {
    // A frame its SDK calls library code stays library code; in_app: true proves nothing
    // (browser SDKs say it of every frame, extensions included).
    if (frame.sdkInApp === false || frame.file === null) continue;
    const file = inAppFile(frame.file);
    if (file === null) continue;
    const fn = functionName(frame.fn);
    if (fn !== null) out.push({ file, fn });
  }
  return out;
}

// An app's frames name a few bundle files over and over: what a location counts as is worked
// out once per process (about a fifth of grouping's time otherwise). Bounded: a flood of
// distinct locations empties it rather than growing it.
const knownFiles = new Map<string, string | null>();
const knownFilesCap = 4096;

/** The location's file as a key frame counts it, or null for library code or no name. */
function inAppFile(location: string): string | null {
  const known = knownFiles.get(location);
  if (known !== undefined) return known;
  const file = isLibraryFile(location) ? null : fileBasename(location);
  if (knownFiles.size >= knownFilesCap) knownFiles.clear();
  knownFiles.set(location, file);
  return file;
}
