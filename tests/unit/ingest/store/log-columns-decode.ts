// Reading the ingest's generated COPY and INSERT back the way Postgres reads them, for
// log-columns.test.ts (which needs no database).

const unquote = (name: string) =>
  name
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .replaceAll('""', '"');

/** Splits on commas outside parentheses. */
function topLevel(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === "(") depth++;
    else if (list[i] === ")") depth--;
    else if (list[i] === "," && depth === 0) {
      items.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(list.slice(start).trim());
  return items;
}

/** The parenthesised list that follows `after` (balanced). */
function listAfter(text: string, after: string): string[] {
  const open = text.indexOf("(", text.indexOf(after) + after.length - 1);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    if (text[i] === ")" && --depth === 0) return topLevel(text.slice(open + 1, i));
  }
  throw new Error(`no list after ${after}`);
}

/** Column names of `copy t (a, b) from stdin` or `insert into t (a, b)`. */
export function listedNames(statement: string): string[] {
  return listAfter(statement, " (").map(unquote);
}

export function unnestParts(sql: string) {
  const select = sql.slice(sql.indexOf("select ") + 7, sql.indexOf("from unnest("));
  const arrays = listAfter(sql, "from unnest(");
  return {
    inserted: listAfter(sql, "insert into").map(unquote),
    selected: topLevel(select.trim()),
    /** Index into the parameters of the first array. */
    firstArray: Number(/\$(\d+)/.exec(arrays[0] ?? "")?.[1]) - 1,
    arrays: arrays.length,
    aliases: listAfter(sql, " as r(").map(unquote),
  };
}

const unescapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\" };

/** COPY text format: rows by newline, fields by tab, \N for NULL, backslash escapes. */
export function decodeCopyRows(text: string, names: readonly string[]) {
  if (!text.endsWith("\n")) throw new Error("COPY text must end its last row");
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      const fields = line.split("\t");
      if (fields.length !== names.length) {
        throw new Error(`row has ${fields.length} fields for ${names.length} columns`);
      }
      return Object.fromEntries(
        fields.map((f, i) => [
          names[i],
          f === "\\N" ? null : f.replace(/\\(.)/g, (_, c: string) => unescapes[c] ?? c),
        ]),
      );
    });
}

/** A one-dimensional array literal: `{"a",NULL,30}`. */
export function decodeArray(literal: string): (string | null)[] {
  const out: (string | null)[] = [];
  const element = /"((?:[^"\\]|\\.)*)"|(NULL)|([^,{}"]+)/gy;
  let i = 1;
  while (i < literal.length - 1) {
    element.lastIndex = i;
    const m = element.exec(literal);
    if (!m) throw new Error(`bad array literal at ${i}: ${literal}`);
    out.push(m[2] ? null : (m[1]?.replace(/\\(.)/g, "$1") ?? m[3] ?? ""));
    i = element.lastIndex + 1; // past the comma
  }
  return out;
}
