import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { compareReleases, parseRelease } from "@/lib/issues/release-order";

describe("release order", () => {
  it("reads semver with an optional name@ prefix and v", () => {
    expect(parseRelease("web@2.14.3")).toEqual({ core: [2, 14, 3], pre: [] });
    expect(parseRelease("@scope/app@1.2.0-rc.1+45")).toEqual({ core: [1, 2, 0], pre: ["rc", "1"] });
    expect(parseRelease("v3.1")).toEqual({ core: [3, 1, 0], pre: [] });
    expect(parseRelease("com.example.app@1.2+45")).toEqual({ core: [1, 2, 0], pre: [] });
  });

  it("does not read shas, names, bare numbers or leading zeros as semver", () => {
    for (const release of ["a1b2c3d", "nightly", "2024", "1.02.3", "1.2.3.4", "", "web@"]) {
      expect(parseRelease(release)).toBeNull();
    }
  });

  it("orders by semver precedence when both parse", () => {
    const ordered = [
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "app@1.0.0",
      "1.0.1",
      "1.2.0",
      "1.10.0",
      "web@2.0.0",
    ];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        const order = compareReleases(ordered[i] as string, ordered[j] as string);
        expect(Math.sign(order)).toBe(Math.sign(i - j));
      }
    }
    // The name is ignored, and so is build metadata.
    expect(compareReleases("web@1.2.3", "api@1.2.3+7")).toBe(0);
  });

  it("falls back to first-seen time when either does not parse", () => {
    const seen = new Map([
      ["a1b2c3d", 1_000],
      ["2.0.0", 2_000],
    ]);
    const at = (r: string) => seen.get(r);
    expect(compareReleases("a1b2c3d", "2.0.0", at)).toBeLessThan(0);
    expect(compareReleases("2.0.0", "a1b2c3d", at)).toBeGreaterThan(0);
    // Never seen: counts as seen now, newer than any seen one.
    expect(compareReleases("f00ba47", "a1b2c3d", at)).toBeGreaterThan(0);
    expect(compareReleases("same", "same", at)).toBe(0);
  });

  test.prop([
    fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)),
    fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)),
  ])("is antisymmetric and agrees with numeric order of the parts", (a, b) => {
    const ra = `x@${a.join(".")}`;
    const rb = `${b.join(".")}`;
    const order = compareReleases(ra, rb);
    expect(Math.sign(compareReleases(rb, ra))).toBe(-Math.sign(order));
    const numeric = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    expect(Math.sign(order)).toBe(Math.sign(numeric));
  });
});
