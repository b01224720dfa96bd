import { z } from "zod";
import { type LogLevel, levelNumber, logLevels } from "@/lib/db/schema";
import type { EventIssue } from "@/lib/issues/ingest/event-issue";
import { eventCaps } from "./limits";
import { utf8Length } from "./strings";

// The wire event (docs/api.md "Ingest" → event fields) and the normalised event the store writes.

/**
 * The optional text fields docs/api.md names, each once: its wire name, its key in the
 * normalised event (and in drizzle's `logs`), and the cap it is held to. The wire schema, the
 * normalised schema and normalizeEvent's assembly are all read off this list.
 */
export const optionalTextFields = [
  { wire: "logger", key: "logger", cap: "short" },
  { wire: "url", key: "url", cap: "url" },
  { wire: "stack", key: "stack", cap: "stack" },
  { wire: "release", key: "release", cap: "short" },
  { wire: "environment", key: "environment", cap: "short" },
  { wire: "session_id", key: "sessionId", cap: "short" },
  { wire: "user_id", key: "userId", cap: "short" },
  { wire: "trace_id", key: "traceId", cap: "short" },
] as const;
type OptionalTextField = (typeof optionalTextFields)[number];
export type TextField = OptionalTextField["wire"];
export type TextKey = OptionalTextField["key"];
export type TextCap = OptionalTextField["cap"];

const textFieldNames: readonly TextField[] = optionalTextFields.map((f) => f.wire);

/** Top-level fields docs/api.md names; every other top-level field moves into attributes. */
export const knownFields = new Set<string>([
  "message",
  "level",
  "id",
  "timestamp",
  "attributes",
  ...textFieldNames,
]);

/** Code points, without spreading a megabyte string into an array. */
function codePoints(s: string): number {
  return s.length > 4 * eventCaps.shortChars ? s.length : [...s].length;
}

// Numbers and booleans are what careless clients send for ids and messages (console.log(42)).
const scalarText = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const optionalScalarText = scalarText.nullish();
const wireTexts = Object.fromEntries(
  optionalTextFields.map((f) => [f.wire, optionalScalarText]),
) as Record<TextField, typeof optionalScalarText>;

/** Scalar known fields only: containers in known fields were already moved to attributes. */
export const wireEventSchema = z.object({
  message: scalarText.refine((s) => s.trim() !== "", "message must not be empty"),
  id: scalarText
    .refine((s) => codePoints(s) <= eventCaps.idChars, "id must be at most 128 characters")
    .nullish(),
  level: z.unknown().optional(),
  timestamp: z.unknown().optional(),
  ...wireTexts,
});
export type WireEvent = z.infer<typeof wireEventSchema>;
type WireParse = ReturnType<typeof wireEventSchema.safeParse>;

/**
 * wireEventSchema's verdict. Most events hold only strings within the caps, and for those the
 * verdict (and its output: `String` of a string is itself) is known without running zod, which
 * was ~10 % of normalising; anything else, including every rejection, goes through zod.
 */
export function parseWireEvent(scalars: Record<string, unknown>): WireParse {
  return isPlainWireEvent(scalars)
    ? { success: true, data: scalars as WireEvent }
    : wireEventSchema.safeParse(scalars);
}

function isPlainWireEvent(scalars: Record<string, unknown>): boolean {
  const { message, id } = scalars;
  if (typeof message !== "string" || message.trim() === "") return false;
  // UTF-16 units ≥ code points: within the unit count is within the code-point cap.
  if (id !== undefined && id !== null && (typeof id !== "string" || id.length > eventCaps.idChars))
    return false;
  for (const field of textFieldNames) {
    const value = scalars[field];
    if (value !== undefined && value !== null && typeof value !== "string") return false;
  }
  return true;
}

// A Map, not an object literal: a client's level "__proto__" or "constructor" must not find
// Object.prototype members (found by the TC-01 property run).
const levelAliases = new Map<string, LogLevel>([
  ["warning", "warn"],
  ["critical", "fatal"],
  ["panic", "fatal"],
  ["log", "info"],
]);

const levelByNumber = new Map(logLevels.map((name) => [levelNumber[name], name]));

/** The stored level, or undefined when the value names no level (stored as info). */
export function parseLevel(value: unknown): LogLevel | undefined {
  if (value === undefined || value === null) return "info";
  // pino's numbers (30 = info), which is how a server-side logger forwards its level.
  if (typeof value === "number") return levelByNumber.get(value);
  if (typeof value !== "string" || value.length > 16) return undefined;
  const name = value.trim().toLowerCase();
  if ((logLevels as readonly string[]).includes(name)) return name as LogLevel;
  return levelAliases.get(name);
}

const bytes = (max: number) => z.string().refine((s) => utf8Length(s) <= max);
const cappedText: Record<TextCap, z.ZodString> = {
  short: z.string().refine((s) => codePoints(s) <= eventCaps.shortChars),
  url: bytes(eventCaps.urlBytes),
  stack: bytes(eventCaps.stackBytes),
};
const eventTexts = Object.fromEntries(
  optionalTextFields.map((f) => [f.key, cappedText[f.cap].nullable()]),
) as Record<TextKey, z.ZodNullable<z.ZodString>>;

/** What normalizeEvent returns and the store writes (server-added fields come separately). */
export const normalizedEventSchema = z.object({
  clientId: z
    .string()
    .min(1)
    .max(2 * eventCaps.idChars)
    .nullable(),
  level: z.enum(logLevels),
  message: bytes(eventCaps.messageBytes).refine((s) => s.trim() !== ""),
  timestamp: z.iso.datetime().nullable(),
  ...eventTexts,
  attributes: z.record(z.string(), z.unknown()).nullable(),
  /** attributes.user_agent when the client sent one (it overrides the request header). */
  clientUserAgent: z.string().nullable(),
  truncatedFields: z.array(z.string()),
  normalizedFields: z.array(z.string()),
});
export type NormalizedEvent = z.infer<typeof normalizedEventSchema> & {
  /** The event's issue, set after normalisation (lib/issues/ingest/event-issue.ts); absent: none. */
  issue?: EventIssue;
};
