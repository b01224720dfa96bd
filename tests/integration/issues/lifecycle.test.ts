import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { backends } from "../../support/db";
import { type SeededProject, seedProject, unlimitedRates } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "../ingest/post-helper";

// Issue 14 §3 on ingest: an event arriving for a resolved issue regresses it (release-based
// resolutions only from a release the fix does not cover); an ignored issue whose condition is
// met is unresolved again; each change is an issue_activity row by Logwell (user_id null).
// Statuses are set here by SQL, as the PATCH API (another change) will set them.

describe.each(backends())("issue lifecycle on ingest on %s", (backend) => {
  const database = useTestDatabase(backend);
  let project: SeededProject;
  let seq = 0;
  beforeAll(async () => {
    project = await seedProject(database.db, unlimitedRates);
  });

  /** Sends events of the issue named `name` (its own message), each with the given fields. */
  const send = async (name: string, events: Record<string, unknown>[]) => {
    const res = await postLogs(
      database.db,
      JSON.stringify(
        events.map((e) => ({ id: `${name}-${seq++}`, level: "error", message: name, ...e })),
      ),
      { key: project.key, peerIp: "198.51.100.4" },
    );
    expect(res.status).toBe(202);
  };

  const issue = async (name: string) => {
    const [row] = await queryRows<{
      id: string;
      status: string;
      regressed: boolean;
      resolved_in_release: string | null;
      ignore_until: unknown;
      event_count: number;
      user_count: number;
    }>(
      database.db,
      sql`select id::text as id, status, regressed, resolved_in_release, ignore_until,
                 event_count::int as event_count, user_count::int as user_count
          from issues where project_id = ${project.id} and title = ${name}`,
    );
    if (!row) throw new Error(`no issue ${name}`);
    return row;
  };

  const activity = async (name: string) => {
    const { id } = await issue(name);
    const rows = await queryRows<{ action: string; user_id: string | null; details: unknown }>(
      database.db,
      sql`select action, user_id, details from issue_activity where issue_id = ${id}::bigint
          order by id`,
    );
    return rows;
  };

  const resolve = (name: string, set: ReturnType<typeof sql>) =>
    database.db.execute(sql`
      update issues set status = 'resolved', resolved_at = now(), status_changed_at = now(), ${set}
      where project_id = ${project.id} and title = ${name}`);

  const ignore = (name: string, until: object) =>
    database.db.execute(sql`
      update issues set status = 'ignored', status_changed_at = now(),
        ignore_until = ${JSON.stringify(until)}::jsonb,
        ignore_events_base = event_count, ignore_users_base = user_count
      where project_id = ${project.id} and title = ${name}`);

  it("resolved, then any event after it: regressed, with its activity", async () => {
    await send("plain", [{}]);
    await resolve("plain", sql`regressed = false`);
    await send("plain", [{ release: "1.0.0" }]);
    const row = await issue("plain");
    expect([row.status, row.regressed, row.event_count]).toEqual(["unresolved", true, 2]);
    expect(await activity("plain")).toEqual([
      { action: "regressed", user_id: null, details: { release: "1.0.0" } },
    ]);
  });

  it("resolved in release R: older releases do not regress, R, newer and none do", async () => {
    await send("in-r", [{ release: "web@1.9.0" }]);
    await resolve("in-r", sql`resolved_in_release = 'web@2.0.0'`);
    await send("in-r", [{ release: "web@1.9.0" }, { release: "web@2.0.0-rc.1" }]);
    expect((await issue("in-r")).status).toBe("resolved");
    await send("in-r", [{ release: "web@2.0.0" }]);
    expect((await issue("in-r")).status).toBe("unresolved");
    expect((await issue("in-r")).regressed).toBe(true);

    await send("in-r-none", [{ release: "1.0.0" }]);
    await resolve("in-r-none", sql`resolved_in_release = '2.0.0'`);
    await send("in-r-none", [{}]);
    expect((await issue("in-r-none")).status).toBe("unresolved");
  });

  it("resolved in the next release: only a release newer than the one seen regresses", async () => {
    await send("next", [{ release: "3.1.0" }]);
    await resolve("next", sql`resolved_after_release = '3.1.0'`);
    await send("next", [{ release: "3.1.0" }, {}, { release: "3.0.9" }]);
    expect((await issue("next")).status).toBe("resolved");
    await send("next", [{ release: "3.1.1" }]);
    expect((await issue("next")).status).toBe("unresolved");
    expect(await activity("next")).toEqual([
      { action: "regressed", user_id: null, details: { release: "3.1.1" } },
    ]);
  });

  it("releases that are not semver compare by first-seen time", async () => {
    await send("sha", [{ release: "a1b2c3d" }]);
    await resolve("sha", sql`resolved_in_release = 'f00ba47'`);
    // Seen before the fix was named: older than it.
    await send("sha", [{ release: "a1b2c3d" }]);
    expect((await issue("sha")).status).toBe("resolved");
    // First seen after the resolution: newer than the (never seen) fix.
    await send("sha", [{ release: "9e8d7c6" }]);
    expect((await issue("sha")).status).toBe("unresolved");
  });

  it("ignored until N more events: ends on the Nth", async () => {
    await send("ign-events", [{}, {}]);
    await ignore("ign-events", { events: 3 });
    await send("ign-events", [{}, {}]);
    expect((await issue("ign-events")).status).toBe("ignored");
    await send("ign-events", [{}]);
    const row = await issue("ign-events");
    expect([row.status, row.regressed, row.ignore_until]).toEqual(["unresolved", false, null]);
    expect(await activity("ign-events")).toEqual([
      { action: "ignore_ended", user_id: null, details: { reason: "events" } },
    ]);
  });

  it("ignored until N users: counts identities not seen before", async () => {
    await send("ign-users", [{ user_id: "old" }]);
    await ignore("ign-users", { users: 2 });
    await send("ign-users", [{ user_id: "old" }, { user_id: "new-1" }, { user_id: "old" }]);
    expect((await issue("ign-users")).status).toBe("ignored");
    await send("ign-users", [{ user_id: "new-2" }]);
    expect((await issue("ign-users")).status).toBe("unresolved");
  });

  it("ignored until a time: an event after it ends the ignore, one before does not", async () => {
    await send("ign-until", [{}]);
    await ignore("ign-until", { until: new Date(Date.now() + 3_600_000).toISOString() });
    await send("ign-until", [{}]);
    expect((await issue("ign-until")).status).toBe("ignored");
    await ignore("ign-until", { until: new Date(Date.now() - 1_000).toISOString() });
    await send("ign-until", [{}]);
    expect((await issue("ign-until")).status).toBe("unresolved");
    expect((await activity("ign-until")).map((a) => a.details)).toEqual([{ reason: "until" }]);
  });

  it("ignored forever stays ignored", async () => {
    await send("ign-forever", [{}]);
    await database.db.execute(sql`
      update issues set status = 'ignored' where project_id = ${project.id} and title = 'ign-forever'`);
    await send("ign-forever", [{}, {}, {}]);
    expect((await issue("ign-forever")).status).toBe("ignored");
    expect((await issue("ign-forever")).event_count).toBe(4);
  });
});
