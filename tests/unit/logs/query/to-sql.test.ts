import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/logs/query/parse";
import { termConditions, wildcardPattern } from "@/lib/logs/query/to-sql";

const dialect = new PgDialect();
const compile = (q: string) => {
  const result = parseQuery(q);
  if (!result.ok) throw new Error(result.error.message);
  return dialect.sqlToQuery(sql.join(termConditions(result.terms), sql` AND `));
};

describe("query → SQL", () => {
  it("binds every value as a parameter", () => {
    const hostile = "x'); DROP TABLE logs; --";
    const { sql: text, params } = compile(
      `"${hostile}" release:${hostile.replaceAll(" ", "")}* attr.${"k"}:${hostile.replaceAll(" ", "")} attr.a.b:>5 -user:"${hostile}"`,
    );
    expect(text).not.toContain("DROP");
    expect(text).not.toContain("'x");
    expect(params).toContain(`%${hostile}%`);
    expect(params).toContain(hostile);
    expect(params).toEqual(expect.arrayContaining(["k", "a", "b", "5"]));
  });

  it("never splices query text into the SQL (property)", () => {
    // Values drawn from a marker alphabet that no SQL keyword or column name contains.
    const marker = fc.stringMatching(/^[QZ]{3,12}$/);
    fc.assert(
      fc.property(marker, marker, marker, (a, b, c) => {
        const { sql: text } = compile(
          `"${a}" release:${b}* attr.${c}:${a} -logger:${b} has:attr.${c}`,
        );
        return !/[QZ]{3}/.test(text);
      }),
      { numRuns: 200, seed: 18 },
    );
  });

  it("writes exclusion as IS NOT TRUE so events without the field stay", () => {
    expect(compile("-release:a").sql).toBe("(l.release = $1) IS NOT TRUE");
  });

  it("escapes LIKE metacharacters around * wildcards", () => {
    expect(wildcardPattern("web@2.*")).toBe("web@2.%");
    expect(wildcardPattern("50%_\\*")).toBe("50\\%\\_\\\\%");
  });
});
