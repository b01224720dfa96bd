// Principal resolution for route handlers: cookie vs bearer, crossed and revoked tokens (AUTH-9,
// TC-34), the Origin check on cookie mutations (AUTH-5), and sessions following the user row.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { findLiveAdminToken } from "@/lib/auth/admin-tokens";
import { type Principal, resolveApiPrincipal } from "@/lib/auth/principal";
import { loadSessionUser, startSession } from "@/lib/auth/sessions";
import { adminTokens, users } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { changeUserRole, deleteUser } from "@/lib/users/manage-users";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { type SeededCast, seedCast } from "./fixtures";

const site = "https://logs.example.com";

function request(method: string, headers: Record<string, string> = {}) {
  return new Request(`${site}/api/v1/projects`, {
    method,
    headers: { host: "logs.example.com", ...headers },
  });
}

describe.each(backends())("principal resolution on %s", (backend) => {
  const database = useTestDatabase(backend);
  let seeded: SeededCast;
  let ownerPrincipal: Extract<Principal, { kind: "user" }>;

  beforeAll(async () => {
    seeded = await seedCast(database.db);
    const owner = await loadSessionUser(database.db, {
      userId: seeded.ids.owner,
      sessionId: await startSession(database.db, seeded.ids.owner),
    });
    if (!owner) throw new Error("seeded owner missing");
    ownerPrincipal = owner;
  });

  const signedIn = async () => ownerPrincipal;
  const signedOut = async () => null;

  async function status(promise: Promise<unknown>): Promise<number> {
    try {
      await promise;
      return 200;
    } catch (err) {
      if (err instanceof ApiError) return err.status;
      throw err;
    }
  }

  it("uses the session cookie when there is no Authorization header", async () => {
    const principal = await resolveApiPrincipal(database.db, request("GET"), signedIn);
    expect(principal).toEqual({
      kind: "user",
      id: seeded.ids.owner,
      email: "owner@authz.test",
      name: null,
      role: "owner",
    });
  });

  it("resolves admin and viewer tokens to token principals", async () => {
    const admin = await resolveApiPrincipal(
      database.db,
      request("POST", { authorization: `Bearer ${seeded.tokens.admin}` }),
      signedOut,
    );
    expect(admin).toMatchObject({ kind: "token", role: "admin" });
    const viewer = await resolveApiPrincipal(
      database.db,
      request("GET", { authorization: `bearer ${seeded.tokens.viewer}` }),
      signedOut,
    );
    expect(viewer).toMatchObject({ kind: "token", role: "viewer" });
  });

  it("TC-34: lw_pub_, revoked, unknown and non-Bearer values are 401 and never fall back to the cookie", async () => {
    for (const authorization of [
      `Bearer ${seeded.ingestKeyA}`,
      `Bearer ${seeded.tokens.revoked}`,
      "Bearer lw_sec_AAAAAAAAAAAAAAAAAAAAAAAAAA",
      `Basic ${Buffer.from("a:b").toString("base64")}`,
      "Bearer",
      "",
      `Bearer ${seeded.tokens.admin} extra`,
    ]) {
      expect(
        await status(resolveApiPrincipal(database.db, request("GET", { authorization }), signedIn)),
      ).toBe(401);
    }
  });

  it("is 401 without a token or a session", async () => {
    expect(await status(resolveApiPrincipal(database.db, request("GET"), signedOut))).toBe(401);
  });

  it("TC-15: a cookie mutation must come from our own origin", async () => {
    const cases: [Record<string, string>, number][] = [
      [{ origin: "https://evil.example" }, 403],
      [{ origin: "null" }, 403],
      [{ origin: "https://logs.example.com.evil.example" }, 403],
      [{ "sec-fetch-site": "cross-site" }, 403],
      [{ origin: site }, 200],
      [{ "sec-fetch-site": "same-origin" }, 200],
      [{}, 200],
    ];
    for (const [headers, expected] of cases) {
      expect(
        await status(resolveApiPrincipal(database.db, request("DELETE", headers), signedIn)),
      ).toBe(expected);
    }
    // Reads are not CSRF targets; a token needs no Origin at all.
    expect(
      await status(
        resolveApiPrincipal(
          database.db,
          request("GET", { origin: "https://evil.example" }),
          signedIn,
        ),
      ),
    ).toBe(200);
    expect(
      await status(
        resolveApiPrincipal(
          database.db,
          request("POST", {
            origin: "https://evil.example",
            authorization: `Bearer ${seeded.tokens.admin}`,
          }),
          signedOut,
        ),
      ),
    ).toBe(200);
  });

  it("records when a token was last used", async () => {
    const found = await findLiveAdminToken(database.db, seeded.tokens.viewer);
    expect(found).not.toBeNull();
    const [row] = await database.db
      .select({ lastUsedAt: adminTokens.lastUsedAt })
      .from(adminTokens)
      .where(eq(adminTokens.id, found?.id ?? ""));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("a session follows the user row: role changes and deletion take effect", async () => {
    const session = {
      userId: seeded.ids.admin,
      sessionId: await startSession(database.db, seeded.ids.admin),
    };
    await changeUserRole(database.db, seeded.ids.admin, "viewer");
    expect((await loadSessionUser(database.db, session))?.role).toBe("viewer");
    await deleteUser(database.db, seeded.ids.admin);
    expect(await loadSessionUser(database.db, session)).toBeNull();
    const remaining = await database.db.select({ id: users.id }).from(users);
    expect(remaining.map((r) => r.id)).not.toContain(seeded.ids.admin);
  });
});
