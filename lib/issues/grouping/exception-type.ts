// The exception's type and the first line of its value, read from the stack's header
// ("TypeError: x is undefined", what V8 and the Sentry mapping put first), else from the
// message's "Type: " prefix (what Firefox and Safari report, their stacks having no header),
// ignoring the "Uncaught " that window.onerror adds in Chrome.

export interface TypeAndValue {
  type: string | null;
  value: string;
}

// An identifier, optionally dotted ("DOMException", "errors.NotFound"), optionally with Node's
// code ("TypeError [ERR_INVALID_ARG_TYPE]"), then ": " or the end of the line.
const typed =
  /^(?:Uncaught (?:\(in promise\) )?)?([A-Za-z_$][\w$.]{0,127}(?: \[[\w$]{1,64}\])?)(?::\s|:?$)/;

export function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return (end === -1 ? text : text.slice(0, end)).trim();
}

/** "TypeError: x is undefined" → {type: "TypeError", value: "x is undefined"}; else no type. */
export function splitTitle(text: string): TypeAndValue {
  const line = firstLine(text);
  const match = typed.exec(line);
  // A lone word is a type only when it looks like one ("Error", "AbortError"), not "failed".
  if (!match?.[1] || (match[0] === line && !/(?:Error|Exception)$/.test(match[1]))) {
    return { type: null, value: line.replace(/^Uncaught (?:\(in promise\) )?/, "") };
  }
  return { type: match[1], value: line.slice(match[0].length).trim() };
}

/** From the first header line of the stack that names a type, else from the message. */
export function typeAndValue(stackHeader: readonly string[], message: string): TypeAndValue {
  for (const line of stackHeader) {
    const fromStack = splitTitle(line);
    if (fromStack.type) return fromStack;
  }
  return splitTitle(message);
}
