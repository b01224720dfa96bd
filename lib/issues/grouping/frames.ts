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
    if (frame.sdkInApp === false || frame.file === null || isLibraryFile(frame.file)) continue;
    const fn = functionName(frame.fn);
    const file = fileBasename(frame.file);
    if (fn !== null && file !== null) out.push({ file, fn });
  }
  return out;
}
