// Dark mode turns the palette over in app/globals.css: every colour the dashboard uses must be
// turned over, and every light value there must stay Tailwind's own, so light mode looks exactly
// as Tailwind draws it, after any upgrade too.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tailwind = readFileSync("node_modules/tailwindcss/theme.css", "utf8");
const ours = readFileSync("app/globals.css", "utf8");
const tailwindValue = (name: string) =>
  new RegExp(`--color-${name}:\\s*([^;]+);`).exec(tailwind)?.[1]?.trim();
const pairs = [
  ...ours.matchAll(/--color-([a-z]+(?:-\d+)?):\s*light-dark\(([^,]+),\s*(.+)\);/g),
].map((m) => ({ name: m[1] ?? "", light: (m[2] ?? "").trim() }));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(tsx?|css)$/.test(entry.name) ? [full] : [];
  });
}

describe("the dark palette", () => {
  it("turns over every colour the dashboard uses", () => {
    const used = new Set<string>();
    for (const file of [...sources("app"), ...sources("lib")]) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(
        /\b(?:bg|text|border|ring|fill|stroke|outline|divide)-(white|[a-z]+-\d{2,3})\b/g,
      )) {
        if (m[1]) used.add(m[1]);
      }
    }
    const defined = new Set(pairs.map((p) => p.name));
    expect(used.size).toBeGreaterThan(20);
    for (const colour of used) expect(defined, colour).toContain(colour);
  });

  it("keeps Tailwind's light values", () => {
    expect(pairs.length).toBeGreaterThan(80);
    for (const { name, light } of pairs) expect(light, name).toBe(tailwindValue(name));
  });
});
