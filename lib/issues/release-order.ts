// Which of two releases is newer (contract "Issues"; docs/issues.md → Lifecycle): as semantic
// versions when both parse, an optional `name@` prefix ignored (`web@2.14.3`, Sentry's
// `package@1.2.0+45`), else by the time each was first seen. A release that never parses (a git
// sha, `nightly`) has only its first-seen time to go by.

export interface SemVer {
  core: [number, number, number];
  /** Dot-separated pre-release identifiers; empty for a release version. */
  pre: string[];
}

// major.minor[.patch][-pre][+build], an optional leading "v". Two parts at least: a bare number
// is as often a build counter or a date as a version. Each part is bounded so Number() is exact.
const semverPattern =
  /^v?(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})(?:\.(0|[1-9]\d{0,14}))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

/** The version a release names, or null when it is not semver-like. */
export function parseRelease(release: string): SemVer | null {
  const trimmed = release.trim();
  if (trimmed.length > 200) return null;
  // Sentry's `name@version`: the version is after the last "@" (a scoped npm name has one first).
  const at = trimmed.lastIndexOf("@");
  const version = at >= 0 ? trimmed.slice(at + 1) : trimmed;
  const match = semverPattern.exec(version);
  if (!match) return null;
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)],
    pre: match[4] ? match[4].split(".") : [],
  };
}

/** Semver precedence (https://semver.org/#spec-item-11): negative when a < b. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.core[i] as number) - (b.core[i] as number);
    if (d !== 0) return Math.sign(d);
  }
  // A pre-release is older than its release.
  if (a.pre.length === 0 || b.pre.length === 0) return Math.sign(b.pre.length - a.pre.length);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const d = comparePreIdentifier(a.pre[i] as string, b.pre[i] as string);
    if (d !== 0) return d;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

const numeric = /^\d+$/;

function comparePreIdentifier(a: string, b: string): number {
  const aNum = numeric.test(a);
  const bNum = numeric.test(b);
  if (aNum && bNum) return Math.sign(Number(a) - Number(b));
  // Numeric identifiers are older than alphanumeric ones.
  if (aNum !== bNum) return aNum ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Negative when release `a` is older than `b`, 0 when equal, positive when newer. Semver when
 * both parse; otherwise by first-seen time (ms), which the caller supplies: equal names are
 * equal, and a release with no first-seen time counts as seen now (newer than any seen one).
 */
export function compareReleases(
  a: string,
  b: string,
  firstSeen: (release: string) => number | undefined = () => undefined,
): number {
  if (a === b) return 0;
  const va = parseRelease(a);
  const vb = parseRelease(b);
  if (va && vb) return compareSemVer(va, vb);
  const ta = firstSeen(a) ?? Number.POSITIVE_INFINITY;
  const tb = firstSeen(b) ?? Number.POSITIVE_INFINITY;
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

/** Whether both releases parse as semver, so compareReleases needs no first-seen times. */
export function comparesBySemVer(a: string, b: string): boolean {
  return parseRelease(a) !== null && parseRelease(b) !== null;
}
