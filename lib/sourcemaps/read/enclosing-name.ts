// The original name of the function a frame is in. The name a map gives a frame's own position
// is the callee's (the frame points at a call or a `new`), so it is never used for the frame
// itself. The caller's call site names the function being called: frame i takes the name
// mapped at frame i+1's position (symbolicate.ts). The outermost mapped frame has no caller
// in the map: its name is guessed from the source text, the nearest function head above the
// line within a few lines (Sentry's scope lookup, done on the original text).

const lookBackLines = 40;
const functionHead = [
  /\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/,
  /([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s+)?(?:function\b|\([^()]*\)\s*(?::[^=]+)?=>|[A-Za-z_$][\w$]*\s*=>)/,
  /^\s*(?:(?:public|private|protected|static|async|get|set|override)\s+)*([A-Za-z_$][\w$]*)\s*\([^()]*\)\s*(?::[^{]+)?\{/,
];
const notNames = new Set(["if", "for", "while", "switch", "catch", "with", "return", "function"]);

export function guessEnclosingName(lines: readonly string[], line: number): string | null {
  for (let i = line - 1; i >= 0 && i >= line - lookBackLines; i--) {
    const text = (lines[i] ?? "").slice(0, 512);
    for (const pattern of functionHead) {
      const name = pattern.exec(text)?.[1];
      if (name && !notNames.has(name)) return name;
    }
  }
  return null;
}
