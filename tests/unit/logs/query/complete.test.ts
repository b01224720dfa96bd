import { describe, expect, it } from "vitest";
import { logLevels } from "@/lib/db/schema/logs";
import {
  applyCompletion,
  caretToken,
  serverQuestion,
  staticCompletions,
  valueCompletions,
} from "@/lib/logs/query/complete";
import { queryValue, withTerm } from "@/lib/logs/query/edit";

describe("query bar completion", () => {
  it("finds the token under the caret", () => {
    expect(caretToken("foo -rel", 8)).toEqual({
      start: 4,
      end: 8,
      negated: true,
      op: "",
      prefix: "rel",
    });
    expect(caretToken("level:>=wa x", 10)).toMatchObject({
      field: "level",
      op: ">=",
      prefix: "wa",
    });
  });

  it("suggests field names, levels and has: targets without the server", () => {
    expect(staticCompletions(caretToken("re", 2), logLevels).map((c) => c.insert)).toEqual([
      "release:",
    ]);
    expect(staticCompletions(caretToken("level:>=e", 9), logLevels).map((c) => c.insert)).toEqual([
      "level:>=error ",
    ]);
    expect(staticCompletions(caretToken("has:st", 6), logLevels).map((c) => c.insert)).toEqual([
      "has:stack ",
    ]);
    expect(serverQuestion(caretToken("level:e", 7))).toBeUndefined();
  });

  it("asks the server for values and attribute keys", () => {
    expect(serverQuestion(caretToken("release:web", 11))).toEqual(["release", "web"]);
    expect(serverQuestion(caretToken("attr.http.st", 12))).toEqual(["attr.http.", "st"]);
    expect(serverQuestion(caretToken("attr.http.status:5", 18))).toEqual(["attr.http.status", "5"]);
    const keys = valueCompletions(caretToken("attr.http.st", 12), [{ value: "status", count: 3 }]);
    expect(keys).toEqual([{ label: "attr.http.status", insert: "attr.http.status:", count: 3 }]);
  });

  it("replaces the token, quoting values the syntax would misread", () => {
    const token = caretToken("x -release:we y", 13);
    const [option] = valueCompletions(token, [{ value: 'web "2"', count: 1 }]);
    expect(option?.insert).toBe('release:"web \\"2\\"" ');
    expect(applyCompletion("x -release:we y", token, option as never)).toEqual({
      text: 'x -release:"web \\"2\\"" y',
      caret: 22,
    });
  });
});

describe("query edits from facets and chips", () => {
  it("quotes only when needed", () => {
    expect(queryValue("prod")).toBe("prod");
    expect(queryValue("a b")).toBe('"a b"');
    expect(queryValue("a*")).toBe('"a*"');
    expect(queryValue("")).toBe('""');
  });

  it("adds a term once and replaces its opposite", () => {
    expect(withTerm(undefined, "level:error")).toBe("level:error");
    expect(withTerm("checkout failed", "environment:prod")).toBe(
      "checkout failed environment:prod",
    );
    expect(withTerm("a environment:prod", "-environment:prod")).toBe("a -environment:prod");
    expect(withTerm("a -environment:prod", "environment:prod")).toBe("a environment:prod");
    expect(withTerm('release:"a b"', 'release:"a b"')).toBe('release:"a b"');
    expect(withTerm("x".repeat(195), "level:error")).toBeUndefined();
  });
});
