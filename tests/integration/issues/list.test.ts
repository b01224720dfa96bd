import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import type { IssueDto } from "@/lib/issues/dto";
import { parseIssueQuery } from "@/lib/issues/filters";
import { getIssue } from "@/lib/issues/get";
import { listIssues } from "@/lib/issues/list";
import { createProject } from "@/lib/projects/create-project";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { seedIssue } from "./seed-issues";

const query = (qs: string) => parseIssueQuery(new URLSearchParams(qs));
const at = (h: number) => new Date(Date.UTC(2026, 0, 1, h));
const now = new Date(Date.UTC(2026, 5, 1));

describe.each(backends())("listing issues on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let a: string;
  let b: string;

  beforeAll(async () => {
    db = database.db;
    a = (await createProject(db, { name: "A" })).project.id;
    b = (await createProject(db, { name: "B" })).project.id;
    await seedIssue(db, a, {
      key: "checkout",
      title: "TypeError: total is undefined",
      culprit: "total (cart.js)",
      lastSeen: at(10),
      firstSeen: at(1),
      events: 40,
      users: 3,
      releases: ["web@1.0.0", "web@1.1.0"],
      environments: ["production"],
    });
    await seedIssue(db, a, {
      key: "login",
      title: "Error: 100% of _tokens failed",
      culprit: null,
      level: "fatal",
      lastSeen: at(11),
      firstSeen: at(9),
      events: 5,
      users: 9,
      releases: ["web@1.1.0"],
      environments: ["staging"],
    });
    await seedIssue(db, a, {
      key: "resolved",
      lastSeen: at(12),
      firstSeen: at(2),
      events: 7,
      users: 1,
      row: { status: "resolved", resolvedAt: at(12) },
    });
    await seedIssue(db, a, {
      key: "ignored-forever",
      lastSeen: at(13),
      firstSeen: at(3),
      events: 2,
      row: { status: "ignored" },
    });
    await seedIssue(db, a, {
      key: "ignore-over",
      level: "warn",
      lastSeen: at(14),
      firstSeen: at(4),
      events: 3,
      row: { status: "ignored", ignoreUntil: { until: "2026-02-01T00:00:00.000Z" } },
    });
    await seedIssue(db, a, {
      key: "ignored-count",
      lastSeen: at(15),
      firstSeen: at(5),
      events: 12,
      row: {
        status: "ignored",
        ignoreUntil: { events: 10 },
        ignoreEventsBase: 2,
      },
    });
    await seedIssue(db, a, { key: "pruned", lastSeen: at(16), events: 0, users: 0 });
    await seedIssue(db, b, { key: "other", title: "TypeError: in B", lastSeen: at(17) });
  });

  const list = async (qs: string, ids = [a]) => {
    const { filters, page } = query(qs);
    return listIssues(db, { projectIds: ids }, filters, page, now);
  };
  const keys = async (qs: string, ids = [a]) =>
    (await list(qs, ids)).issues.map((i) => i.title.replace(/^Error: /, ""));

  it("defaults to unresolved by last seen; an ignore whose time or count is up reads unresolved", async () => {
    expect(await keys("")).toEqual([
      "ignored-count",
      "ignore-over",
      "100% of _tokens failed",
      "TypeError: total is undefined",
    ]);
    const page = await list("");
    expect(page.issues.every((i) => i.status === "unresolved")).toBe(true);
    expect(page.issues.find((i) => i.title.endsWith("ignore-over"))?.ignore_until).toBeNull();
  });

  it("filters by status, and `all` lists every issue with events", async () => {
    expect(await keys("status=resolved")).toEqual(["resolved"]);
    expect(await keys("status=ignored")).toEqual(["ignored-forever"]);
    expect(await keys("status=all")).toHaveLength(6);
    expect(await keys("status=all")).not.toContain("pruned");
  });

  it("filters by level (comma list, exact), release and environment", async () => {
    expect(await keys("status=all&level=fatal,warn")).toEqual([
      "ignore-over",
      "100% of _tokens failed",
    ]);
    expect(await keys("release=web@1.1.0")).toEqual([
      "100% of _tokens failed",
      "TypeError: total is undefined",
    ]);
    expect(await keys("release=web@1.0.0")).toEqual(["TypeError: total is undefined"]);
    expect(await keys("environment=staging")).toEqual(["100% of _tokens failed"]);
    expect(await keys("environment=nowhere")).toEqual([]);
  });

  it("since keeps the issues last seen at or after a time (the dashboard's time range)", async () => {
    expect(await keys("status=all&since=2026-01-01T14:00:00Z")).toEqual([
      "ignored-count",
      "ignore-over",
    ]);
    expect(await keys("since=2026-01-01T11:00:00.000Z")).toEqual([
      "ignored-count",
      "ignore-over",
      "100% of _tokens failed",
    ]);
    expect(() => query("since=yesterday")).toThrow();
  });

  it("q is a case-insensitive substring of title or culprit; %, _ and \\ match themselves", async () => {
    expect(await keys("q=TYPEERROR")).toEqual(["TypeError: total is undefined"]);
    expect(await keys("q=(cart.js)")).toEqual(["TypeError: total is undefined"]);
    expect(await keys("q=100%25")).toEqual(["100% of _tokens failed"]);
    expect(await keys("q=%25")).toEqual(["100% of _tokens failed"]);
    expect(await keys("q=_t")).toEqual(["100% of _tokens failed"]);
    expect(await keys("q=\\")).toEqual([]);
  });

  it("sorts by first seen, events and users, all descending", async () => {
    expect(await keys("sort=first_seen")).toEqual([
      "100% of _tokens failed",
      "ignored-count",
      "ignore-over",
      "TypeError: total is undefined",
    ]);
    expect(await keys("sort=events")).toEqual([
      "TypeError: total is undefined",
      "ignored-count",
      "100% of _tokens failed",
      "ignore-over",
    ]);
    expect((await keys("sort=users"))[0]).toBe("100% of _tokens failed");
  });

  it("reads only the scope: another project's issues never show", async () => {
    expect(await keys("status=all", [b])).toEqual(["TypeError: in B"]);
    expect(await keys("", [])).toEqual([]);
    expect(await keys(`project=${b}`)).toEqual([]);
    expect(await keys("q=in B", [a, b])).toEqual(["TypeError: in B"]);
  });

  it("the DTO follows the contract", async () => {
    const [issue] = (await list("release=web@1.0.0")).issues as [IssueDto];
    expect(issue).toEqual({
      id: expect.stringMatching(/^\d+$/),
      project_id: a,
      title: "TypeError: total is undefined",
      culprit: "total (cart.js)",
      type: "Error",
      level: "error",
      status: "unresolved",
      regressed: false,
      first_seen: "2026-01-01T01:00:00.000000Z",
      last_seen: "2026-01-01T10:00:00.000000Z",
      first_release: "web@1.0.0",
      last_release: "web@1.1.0",
      event_count: 40,
      user_count: 3,
      resolved_at: null,
      resolved_in_release: null,
      resolved_in_next_release: false,
      ignore_until: null,
      status_changed_at: null,
      grouping_key_version: 1,
    });
    expect(await getIssue(db, { projectIds: [a] }, issue.id, now)).toEqual(issue);
    expect(await getIssue(db, { projectIds: [b] }, issue.id, now)).toBeNull();
    for (const bad of ["0", "-1", "abc", "99999999999999999999", "1.5", ""]) {
      expect(await getIssue(db, { projectIds: [a] }, bad, now)).toBeNull();
    }
  });

  it("refuses bad parameters with 400 invalid_request", () => {
    for (const qs of [
      "status=open",
      "sort=title",
      "level=loud",
      "limit=0",
      "limit=101",
      "limit=x",
      `q=${"x".repeat(201)}`,
      `release=${"r".repeat(257)}`,
    ]) {
      expect(() => query(qs), qs).toThrowError(
        expect.objectContaining({ code: "invalid_request" }),
      );
    }
  });
});

describe.each(backends())("paging issues on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: Db;
  let p: string;
  const total = 23;

  beforeAll(async () => {
    db = database.db;
    p = (await createProject(db, { name: "P" })).project.id;
    for (let n = 0; n < total; n++) {
      // Ties on every sort column (n % 4) so the id decides between them.
      await seedIssue(db, p, {
        key: `k${n}`,
        lastSeen: at(n % 4),
        firstSeen: at(0),
        events: n % 4,
        users: (n * 7) % 5,
        row: { eventCount: (n % 4) + 1 },
      });
    }
  });

  async function walk(qs: string, limit: number): Promise<IssueDto[]> {
    const seen: IssueDto[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const { filters, page } = query(`${qs}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
      const result = await listIssues(db, { projectIds: [p] }, filters, page, now);
      seen.push(...result.issues);
      if (!result.next_cursor) return seen;
      expect(result.issues).toHaveLength(limit);
      cursor = result.next_cursor;
    }
    throw new Error("paging did not end");
  }

  it.each(["last_seen", "first_seen", "events", "users"])(
    "sort=%s: pages never repeat or skip, in the one-query order",
    async (sort) => {
      const whole = await walk(`sort=${sort}`, 100);
      expect(whole).toHaveLength(total);
      for (const limit of [1, 4, 7]) {
        const paged = await walk(`sort=${sort}`, limit);
        expect(paged.map((i) => i.id)).toEqual(whole.map((i) => i.id));
      }
      const value = (i: IssueDto) =>
        sort === "events"
          ? i.event_count
          : sort === "users"
            ? i.user_count
            : sort === "first_seen"
              ? i.first_seen
              : i.last_seen;
      for (let n = 1; n < whole.length; n++) {
        const [prev, cur] = [whole[n - 1] as IssueDto, whole[n] as IssueDto];
        expect(value(prev) >= value(cur)).toBe(true);
        if (value(prev) === value(cur)) expect(BigInt(prev.id) > BigInt(cur.id)).toBe(true);
      }
    },
  );

  it("a cursor is bound to its filters and sort", async () => {
    const { filters, page } = query("limit=2");
    const first = await listIssues(db, { projectIds: [p] }, filters, page, now);
    expect(first.next_cursor).toBeTruthy();
    const cursor = first.next_cursor as string;
    for (const qs of ["sort=events", "level=fatal", "status=all", "q=k1"]) {
      const other = query(`${qs}&cursor=${cursor}`);
      await expect(
        listIssues(db, { projectIds: [p] }, other.filters, other.page, now),
      ).rejects.toMatchObject({ code: "invalid_cursor" });
    }
    // Base64url's last character carries spare bits: edit the payload, which always counts.
    const tampered = `${cursor.startsWith("e") ? "f" : "e"}${cursor.slice(1)}`;
    const bad = query(`cursor=${tampered}`);
    await expect(
      listIssues(db, { projectIds: [p] }, bad.filters, bad.page, now),
    ).rejects.toMatchObject({
      code: "invalid_cursor",
    });
    // Another scope (a different set of visible projects) refuses it too.
    const same = query(`limit=2&cursor=${cursor}`);
    await expect(
      listIssues(
        db,
        { projectIds: [p, "01900000-0000-7000-8000-000000000000"] },
        same.filters,
        same.page,
        now,
      ),
    ).rejects.toMatchObject({ code: "invalid_cursor" });
  });
});
