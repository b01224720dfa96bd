import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { integerArrayLiteral, nestedTextArray, textArrayLiteral } from "./pg-array";

// How one `logs` column is written (log-columns.ts lists them): its drizzle column, for the
// SQL name and type, and a function from the prepared event or its request to the value. Values
// leave here in Postgres's text form, which is what both a COPY field and an element of the
// unnest's arrays are made of: one encoding per kind of column, shared by both writers.

/** Facts the server adds, the same for every event of a request. */
export interface RequestFacts {
  projectId: string;
  receivedAt: Date;
  requestId: string;
  userAgent: string | null;
  clientIp: string | null;
  country: string | null;
}

/** What ingest hands over for a column: drizzle's type, but timestamps as RFC 3339 text. */
type Value<C extends AnyPgColumn> =
  | (C["_"]["data"] extends Date ? string : C["_"]["data"])
  | (C["_"]["notNull"] extends true ? never : null);

type Text<T> = (from: T) => string | null;

export interface LogWriteColumn {
  /** SQL name and Postgres type, both drizzle's. */
  readonly name: string;
  readonly type: string;
  /** Per event, in text form (null: SQL NULL, or requestText where there is one). */
  readonly eventText: Text<NormalizedEvent> | undefined;
  /** Per request: the value of a column without eventText, else its default. */
  readonly requestText: Text<RequestFacts> | undefined;
  /** Numbers hold none of the bytes COPY escapes. */
  readonly isNumber: boolean;
  /** The unnest's array of the events' values, and its Postgres type. */
  readonly eventArray: ((events: readonly NormalizedEvent[]) => string) | undefined;
  readonly arrayType: string;
}

export function fromEvent<C extends AnyPgColumn>(
  column: C,
  value: (e: NormalizedEvent) => Value<C>,
  orRequest?: (r: RequestFacts) => Value<C>,
): LogWriteColumn {
  const text = asText(column, value);
  const facts = columnFacts(column);
  // A non-null integer column as an integer array, whose builder refuses anything else.
  const asIntegers = column.notNull && (facts.type === "smallint" || facts.type === "integer");
  return {
    ...facts,
    eventText: text,
    requestText: orRequest && asText(column, orRequest),
    eventArray: asIntegers
      ? (events) => integerArrayLiteral(events, value as (e: NormalizedEvent) => number)
      : (events) => textArrayLiteral(events, text),
    arrayType: asIntegers ? `${facts.type}[]` : "text[]",
  };
}

export function fromRequest<C extends AnyPgColumn>(
  column: C,
  value: (r: RequestFacts) => Value<C>,
): LogWriteColumn {
  return {
    ...columnFacts(column),
    eventText: undefined,
    requestText: asText(column, value),
    eventArray: undefined,
    arrayType: "text[]",
  };
}

function columnFacts(column: AnyPgColumn) {
  return { name: column.name, type: column.getSQLType(), isNumber: column.dataType === "number" };
}

const encoders: Record<string, "text" | ((value: unknown) => string)> = {
  string: "text",
  date: "text",
  number: (n) => String(n),
  bigint: (n) => String(n),
  json: (v) => JSON.stringify(v),
};

function asText<T>(column: AnyPgColumn, value: (from: T) => unknown): Text<T> {
  // A row's text[] as one COPY field or one element of the unnest's outer array; [] is NULL.
  if (column.dataType === "array") return (from) => nestedTextArray(value(from) as string[]);
  const encode = encoders[column.dataType];
  if (encode === undefined) throw new Error(`${column.name}: no ingest encoding for its type`);
  // Text and timestamps already are their text form: no second call per row.
  if (encode === "text") return value as Text<T>;
  return (from) => {
    const v = value(from);
    return v === null ? null : encode(v);
  };
}

/** A double-quoted SQL identifier ("timestamp" is a keyword). */
export function quotedName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
