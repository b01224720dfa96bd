// Terminal output for the CLI. Names and messages come from users and clients: printed raw, an
// ESC sequence could rewrite the operator's screen or a bidi control could disguise a value
// (threat INJ-2), so every control, C1 and bidi/line-separator character is shown escaped.
const unsafeCharacters =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

function escapeCode(ch: string): string {
  return `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`;
}

/** Text with every unsafe character written as `\uXXXX`. */
export function escapeForTerminal(value: unknown): string {
  return String(value).replace(unsafeCharacters, escapeCode);
}

// JSON.stringify already escapes C0 inside strings (and the layout's own newlines must stay).
const unsafeInJson = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** JSON whose text carries no raw control, C1 or bidi character (still valid JSON). */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(unsafeInJson, escapeCode);
}

export interface Output {
  line(text?: string): void;
  error(text: string): void;
  json(value: unknown): void;
}

export const processOutput: Output = {
  line: (text = "") => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
  json: (value) => process.stdout.write(`${safeJson(value)}\n`),
};
