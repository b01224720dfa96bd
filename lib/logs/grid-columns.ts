import type { LogDto } from "./dto";
import {
  attrPrefix,
  isStringField,
  maxAttrDepth,
  type StringField,
  stringFields,
} from "./query/fields";
import { urlPath } from "./query/url-path";

// The explorer grid's chosen columns (issue 18 §3): the query language's string fields
// (`release`, `path`, …) or any attribute path (`attr.http.status`), in the URL as
// `columns=release,attr.http.status` and stored with a saved view. Names that are neither are
// dropped, so a hand-edited URL cannot ask for anything the grid cannot read.

/** At most this many extra columns, each name at most this long (the saved view's limits). */
export const maxGridColumns = 20;
export const maxColumnNameLength = 100;
/** A cell shows at most this much of a value (the rest is on the expanded row). */
const maxCellLength = 200;

export type GridColumn =
  | { kind: "field"; name: StringField }
  | { kind: "attr"; name: string; path: string[] };

function parseColumn(name: string): GridColumn | undefined {
  if (name.length > maxColumnNameLength) return undefined;
  if (isStringField(name)) return { kind: "field", name };
  if (!name.startsWith(attrPrefix)) return undefined;
  const path = name.slice(attrPrefix.length).split(".");
  if (path.length > maxAttrDepth || path.some((segment) => segment === "")) return undefined;
  return { kind: "attr", name, path };
}

/** `release, attr.http.status` (a URL value or a form's text) → the valid columns, once each. */
export function parseGridColumns(text: string | undefined): GridColumn[] {
  const names = new Set(
    (text ?? "")
      .slice(0, maxGridColumns * (maxColumnNameLength + 1))
      .split(",")
      .map((n) => n.trim()),
  );
  return [...names].flatMap((n) => parseColumn(n) ?? []).slice(0, maxGridColumns);
}

/** The URL value for a list of columns (undefined when none, so the key is left out). */
export function gridColumnsParam(columns: readonly GridColumn[]): string | undefined {
  return columns.length ? columns.map((c) => c.name).join(",") : undefined;
}

/** What a cell shows: strings as they are, other JSON values as JSON, cut to a cell's length. */
export function gridCellText(log: LogDto, column: GridColumn): string | undefined {
  const value =
    column.kind === "field" ? fieldValue(log, column.name) : attrValue(log, column.path);
  if (value === undefined || value === null) return undefined;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > maxCellLength ? `${text.slice(0, maxCellLength)}…` : text;
}

function fieldValue(log: LogDto, field: StringField): string | null {
  return field === "path" ? urlPath(log.url) : log[stringFields[field]];
}

function attrValue(log: LogDto, path: readonly string[]): unknown {
  let value: unknown = log.attributes;
  for (const key of path) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
