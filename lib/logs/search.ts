import { type SQL, sql } from "drizzle-orm";

// Text search is a literal, case-insensitive substring match on message, stack and url.
// `%`, `_` and `\` in the user's text are escaped and the pattern uses ESCAPE '\', so they
// match themselves and cannot turn a search into "match everything" (threats QRY-1, TC-17).
// No regex and no text index: see docs/explorer.md for why (ingest cost) and how it stays
// bounded (scope + newest-first index walk + LIMIT + statement_timeout).

/** `50%_off\` → `%50\%\_off\\%`. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function textSearchCondition(q: string): SQL {
  const pattern = likePattern(q);
  return sql`(l.message ILIKE ${pattern} ESCAPE '\\' OR l.stack ILIKE ${pattern} ESCAPE '\\' OR l.url ILIKE ${pattern} ESCAPE '\\')`;
}
