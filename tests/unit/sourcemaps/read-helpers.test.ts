import { describe, expect, it } from "vitest";
import { normalizeDebugId } from "@/lib/sourcemaps/debug-id";
import { ByteLru } from "@/lib/sourcemaps/read/byte-lru";
import { guessEnclosingName } from "@/lib/sourcemaps/read/enclosing-name";
import { resolveMapRef, urlCandidates } from "@/lib/sourcemaps/read/match-url";
import { trailingComment } from "@/lib/sourcemaps/upload/trailing-comment";

describe("URL matching (issue 20 §1: full URL first, then ~/path, query ignored)", () => {
  it("lists the full URL, then without query, then ~/ forms", () => {
    expect(urlCandidates("https://cdn.example.com/static/app-1a2b.js?v=3#x")).toEqual([
      "https://cdn.example.com/static/app-1a2b.js?v=3#x",
      "https://cdn.example.com/static/app-1a2b.js",
      "~/static/app-1a2b.js?v=3",
      "~/static/app-1a2b.js",
    ]);
    expect(urlCandidates("https://a.example/app.js")).toEqual([
      "https://a.example/app.js",
      "~/app.js",
    ]);
  });

  it("takes bare paths and leaves other schemes alone", () => {
    expect(urlCandidates("/static/app.js")).toEqual(["/static/app.js", "~/static/app.js"]);
    expect(urlCandidates("app.js")).toEqual(["app.js"]);
    expect(urlCandidates("chrome-extension://abc/x.js")).toEqual(["chrome-extension://abc/x.js"]);
  });

  it("resolves a script's map reference against its uploaded URL", () => {
    expect(resolveMapRef("~/static/js/app.js", "app.js.map")).toBe("~/static/js/app.js.map");
    expect(resolveMapRef("~/static/js/app.js", "../maps/app.js.map")).toBe(
      "~/static/maps/app.js.map",
    );
    expect(resolveMapRef("https://a.example/js/app.js", "app.js.map")).toBe(
      "https://a.example/js/app.js.map",
    );
    expect(resolveMapRef("~/app.js", "https://maps.example/app.js.map")).toBe(
      "https://maps.example/app.js.map",
    );
  });
});

describe("debug ids", () => {
  it("normalises case and dashes, refuses anything else", () => {
    expect(normalizeDebugId("5B1C6B5E1C3B4E0F9D2A7C9E1F2A3B4C")).toBe(
      "5b1c6b5e-1c3b-4e0f-9d2a-7c9e1f2a3b4c",
    );
    expect(normalizeDebugId("5b1c6b5e-1c3b-4e0f-9d2a-7c9e1f2a3b4c-1")).toBe(
      "5b1c6b5e-1c3b-4e0f-9d2a-7c9e1f2a3b4c",
    );
    expect(normalizeDebugId("not-an-id")).toBeNull();
    expect(normalizeDebugId(42)).toBeNull();
  });

  it("reads //# debugId and //# sourceMappingURL from a script's end only", () => {
    const script = new TextEncoder().encode(
      `${"x".repeat(10_000)}\n//# debugId=5b1c6b5e-1c3b-4e0f-9d2a-7c9e1f2a3b4c\n//# sourceMappingURL=app.js.map\n`,
    );
    expect(trailingComment(script)).toEqual({
      debugId: "5b1c6b5e-1c3b-4e0f-9d2a-7c9e1f2a3b4c",
      sourceMappingUrl: "app.js.map",
    });
    const inline = new TextEncoder().encode(
      "x\n//# sourceMappingURL=data:application/json;base64,e30=",
    );
    expect(trailingComment(inline)).toEqual({});
  });
});

describe("ByteLru", () => {
  it("evicts least recently used entries by bytes, and refuses one over the budget", () => {
    const lru = new ByteLru<string>(100);
    lru.set("a", "A", 40);
    lru.set("b", "B", 40);
    expect(lru.get("a")).toBe("A");
    lru.set("c", "C", 40);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe("A");
    expect(lru.bytes).toBe(80);
    lru.set("huge", "H", 101);
    expect(lru.get("huge")).toBeUndefined();
    expect(lru.size).toBe(2);
  });
});

describe("enclosing function guess (outermost mapped frame)", () => {
  const source = [
    "export function runCheckout(): string {",
    "  return checkoutCart(items);",
    "}",
    "const total = async (cart) => {",
    "  if (cart) {",
    "    return sum(cart);",
    "  }",
    "};",
    "class Cart {",
    "  add(item: Item): void {",
    "    this.items.push(item);",
    "  }",
    "}",
  ];
  it("names the nearest function head above the line", () => {
    expect(guessEnclosingName(source, 2)).toBe("runCheckout");
    expect(guessEnclosingName(source, 6)).toBe("total");
    expect(guessEnclosingName(source, 11)).toBe("add");
  });
  it("says nothing when no head is near", () => {
    expect(guessEnclosingName(["x();", "y();"], 2)).toBeNull();
  });
});
