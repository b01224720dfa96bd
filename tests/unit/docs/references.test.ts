// Every reference in code, tests and docs resolves inside the repository: threat and test ids
// are defined in docs/threats.md, cited docs/ and source files exist, and nothing points at a
// path outside.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const roots = ["app", "lib", "tests", "scripts", "sdk/src", "docs", "proxy.ts", "README.md"];
const idPattern =
  /\b(?:AUTH|XSS|EXP|INJ|ENC|SIZE|HTTP|RL|QRY|CRON|TIME|DUP|FAULT|PRIV|TC|V)-\d{1,2}\b/g;

function files(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return /\.(ts|tsx|mjs|md)$/.test(entry) ? [entry] : [];
  return readdirSync(entry).flatMap((name) =>
    name === "node_modules" ? [] : files(path.join(entry, name)),
  );
}

const sources = roots.flatMap(files).filter((f) => f !== "tests/unit/docs/references.test.ts");
// A catalog row starts with its id, or several: "| ENC-1, ENC-2 |".
const defined = new Set(
  [
    ...readFileSync("docs/threats.md", "utf8").matchAll(/^\| ([A-Z]+-\d+(?:, [A-Z]+-\d+)*) \|/gm),
  ].flatMap((m) => (m[1] ?? "").split(", ")),
);

describe("references resolve inside the repository", () => {
  it("every cited threat or test id is defined in docs/threats.md", () => {
    const missing = new Map<string, string>();
    for (const file of sources) {
      for (const m of readFileSync(file, "utf8").matchAll(idPattern)) {
        if (!defined.has(m[0]) && !missing.has(m[0])) missing.set(m[0], file);
      }
    }
    expect(Object.fromEntries(missing)).toEqual({});
  });

  it("every cited docs/ file exists, and nothing points outside the repository", () => {
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bdocs\/[a-z-]+\.md\b/g)) {
        expect(existsSync(m[0]), `${file} cites ${m[0]}`).toBe(true);
      }
      expect(text, file).not.toMatch(/\/work\/shared|\.\.\/shared\//);
    }
  });

  it("every cited source file exists (a moved file leaves no stale path behind)", () => {
    // lib/…, app/…, scripts/…, tests/…, sdk/… ending in .ts, .tsx or .mjs; globs (authz-*) aside.
    const cited =
      /(?<![\w./-])((?:lib|app|scripts|tests|sdk)\/[\w\-./[\]()]*?\.(?:ts|tsx|mjs))(?![\w*])/g;
    const missing: string[] = [];
    for (const file of sources) {
      for (const m of readFileSync(file, "utf8").matchAll(cited)) {
        const target = m[1] ?? "";
        // Build outputs (scripts/build-sdk.mjs writes sdk/dist/) exist only after a build.
        if (!target.startsWith("sdk/dist/") && !existsSync(target)) {
          missing.push(`${file} cites ${target}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
