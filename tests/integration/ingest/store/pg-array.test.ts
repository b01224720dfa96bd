import { fc } from "@fast-check/vitest";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { isCleanString } from "@/lib/ingest/normalize/strings";
import {
  integerArrayLiteral,
  nestedTextArray,
  textArrayLiteral,
} from "@/lib/ingest/store/pg-array";
import { backends } from "../../../support/db";
import { useTestDatabase } from "../../../support/use-database";

// The store passes every column as an array literal built in lib/ingest/store/pg-array.ts: whatever
// the literal holds must come back from the server exactly, on every driver (TC-02's ground).

/** What array syntax treats specially, plus what text cannot hold no matter how it is quoted. */
const tricky = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.constantFrom("NULL", "null", "", " ", ' "', "\\", '\\"', "{}", "{a,b}", ",", "a b ", "\t\n"),
);
const textValue = tricky.filter(isCleanString);

describe.each(backends())("Postgres array literals on %s", (backend) => {
  const database = useTestDatabase(backend);

  const select = async <T>(query: ReturnType<typeof sql>) =>
    (await queryRows<{ v: T }>(database.db, query))[0]?.v;

  it("text[] round-trips any text, NULL elements and the word NULL", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(textValue), { maxLength: 8 }), async (values) => {
        const literal = textArrayLiteral(values, (v) => v);
        expect(await select<(string | null)[]>(sql`select ${literal}::text[] as v`)).toEqual(
          values,
        );
      }),
      { numRuns: 150 },
    );
  });

  it("a nested list survives as one element of an outer text[] and casts back per row", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(textValue, { maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        async (lists) => {
          const literal = textArrayLiteral(lists, nestedTextArray);
          const rows = await queryRows<{ v: string[] | null }>(
            database.db,
            sql`select t::text[] as v from unnest(${literal}::text[]) with ordinality as u(t, n) order by n`,
          );
          // An empty list is stored as NULL, as truncated_fields always was.
          expect(rows.map((r) => r.v)).toEqual(lists.map((l) => (l.length === 0 ? null : l)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("smallint[] and JSON text cast per row keep their values", async () => {
    expect(
      await select<number[]>(
        sql`select ${integerArrayLiteral([10, 60], (n) => n)}::smallint[] as v`,
      ),
    ).toEqual([10, 60]);
    const documents = [{ 'a"b': "c\\d", n: [1, null] }, { "": "{}" }];
    const literal = textArrayLiteral(documents, (d) => JSON.stringify(d));
    const rows = await queryRows<{ v: unknown }>(
      database.db,
      sql`select t::jsonb as v from unnest(${literal}::text[]) with ordinality as u(t, n) order by n`,
    );
    expect(rows.map((r) => r.v)).toEqual(documents);
  });

  it("refuses a non-integer instead of writing a broken literal", () => {
    expect(() => integerArrayLiteral([1.5], (n) => n)).toThrow(/not an integer/);
  });
});
