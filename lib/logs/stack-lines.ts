// Stack traces are shown one element per line (frames indented). Lines are capped too: 32 KiB
// of newlines would otherwise be 32,768 elements, twice over with the RSC payload (issue 11).

export interface StackLine {
  text: string;
  /** Offset in the stack (a stable React key). */
  start: number;
  /** An "    at fn (file:line)" frame rather than a message line. */
  isFrame: boolean;
}

export const maxStackLines = 300;

/** Lines of a stack; past `maxLines`, the last one holds the rest, newlines and all. */
export function stackLines(stack: string, maxLines = maxStackLines): StackLine[] {
  const lines: StackLine[] = [];
  let start = 0;
  while (lines.length < maxLines - 1) {
    const end = stack.indexOf("\n", start);
    if (end === -1) break;
    lines.push(line(stack.slice(start, end), start));
    start = end + 1;
  }
  lines.push(line(stack.slice(start), start));
  return lines;
}

function line(text: string, start: number): StackLine {
  return { text, start, isFrame: /^\s+at\s/.test(text) };
}
