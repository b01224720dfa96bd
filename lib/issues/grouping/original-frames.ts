import type { RawFrame } from "./stack-text";

// Original frames for grouping: when the event's source maps were found at ingest
// (lib/sourcemaps/grouping), each minified frame the maps resolve is keyed by its original file
// and function instead, so a redeploy with new bundle hashes and new mangled names keeps its
// issues (docs/issues.md → Original frames). Frames are found by their location as the stack
// text and the Sentry frames both write it.

export interface OriginalName {
  file: string;
  /** null when the map names no function there: the frame then has no name for the key. */
  fn: string | null;
}

/** Minified location (frameLocation) → its original file and function. */
export type FrameMapping = ReadonlyMap<string, OriginalName>;

export function frameLocation(file: string, line: number, column: number): string {
  return `${file}\n${line}\n${column}`;
}

/** The frames with those the mapping knows replaced by their originals. */
export function withOriginalFrames(frames: RawFrame[], mapping: FrameMapping): RawFrame[] {
  return frames.map((frame) => {
    if (frame.file === null || frame.line === undefined || frame.column === undefined) {
      return frame;
    }
    const original = mapping.get(frameLocation(frame.file, frame.line, frame.column));
    return original ? { ...frame, fn: original.fn, file: original.file } : frame;
  });
}
