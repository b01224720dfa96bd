import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ensureOwnerFromEnv } from "@/lib/bootstrap/env-owner";
import { claimFirstOwner, issueSetupToken } from "@/lib/bootstrap/setup-token";
import { queryRows } from "@/lib/db/query";
import { hashSecret } from "@/lib/keys/secrets";
import { backends, type TestDatabase } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";

const password = "correct horse battery staple";

async function owners(db: TestDatabase["db"]) {
  return queryRows<{ email: string; role: string }>(
    db,
    sql`select email, role from users order by email`,
  );
}

describe.each(backends())("setup token and first owner on %s", (backend) => {
  const database = useTestDatabase(backend);

  it("TC-33: refuses without a valid token, and stores only the token's hash", async () => {
    const { db } = database;
    const token = await issueSetupToken(db);
    expect(token).toMatch(/^lw_setup_[A-Za-z0-9_-]{32}$/);
    const stored = await queryRows<{ value: string }>(
      db,
      sql`select value::text as value from app_state`,
    );
    expect(stored.some((r) => r.value.includes(token ?? "?"))).toBe(false);

    const claim = { email: "first@example.com", password };
    expect(await claimFirstOwner(db, { ...claim, token: "" })).toEqual({
      ok: false,
      reason: "bad_token",
    });
    expect(await claimFirstOwner(db, { ...claim, token: `${token}x` })).toEqual({
      ok: false,
      reason: "bad_token",
    });
    expect(await claimFirstOwner(db, { ...claim, token: "lw_setup_undefined" })).toEqual({
      ok: false,
      reason: "bad_token",
    });
    // Invalid input is refused before the token is touched: the token still works afterwards.
    expect(
      await claimFirstOwner(db, { email: "not an email", password, token: token ?? "" }),
    ).toEqual({ ok: false, reason: "invalid" });
    expect(await claimFirstOwner(db, { ...claim, password: "short", token: token ?? "" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await owners(db)).toEqual([]);
  });

  it("keeps at most the 20 newest tokens (a restart loop cannot grow the list)", async () => {
    const { db } = database;
    const tokens: (string | null)[] = [];
    for (let i = 0; i < 23; i++) tokens.push(await issueSetupToken(db));
    const rows = await queryRows(db, sql`select key from app_state where key like 'setup_token:%'`);
    expect(rows).toHaveLength(20);
    // The newest token (the one in the latest log) is among those kept.
    const newest = hashSecret(tokens.at(-1) ?? "");
    const kept = await queryRows<{ hash: string }>(
      db,
      sql`select value->>'hash' as hash from app_state where key like 'setup_token:%'`,
    );
    expect(kept.map((r) => r.hash)).toContain(newest);
  });

  it("TC-33: concurrent valid claims create exactly one owner", async () => {
    const { db } = database;
    // Two instances started, each printed its own token; both are valid until the first claim.
    const tokens = [await issueSetupToken(db), await issueSetupToken(db)];
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        claimFirstOwner(db, {
          email: `racer${i}@example.com`,
          password,
          token: tokens[i % 2] ?? "",
        }),
      ),
    );
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    expect(claims.filter((c) => !c.ok).every((c) => !c.ok && c.reason === "already_claimed")).toBe(
      true,
    );
    const rows = await owners(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.role).toBe("owner");
    // Tokens are spent: nothing left to claim, and no new token is issued.
    expect(
      await queryRows(db, sql`select key from app_state where key like 'setup_token:%'`),
    ).toEqual([]);
    expect(await issueSetupToken(db)).toBeNull();
    expect(
      await claimFirstOwner(db, { email: "late@example.com", password, token: tokens[0] ?? "" }),
    ).toEqual({
      ok: false,
      reason: "already_claimed",
    });
  });
});

describe.each(backends())("owner from LOGWELL_ADMIN_* on %s", (backend) => {
  const database = useTestDatabase(backend);

  it("is created once, even by instances starting together, and never again", async () => {
    const { db } = database;
    const admin = { email: "Boot@Example.com", password };
    const ids = await Promise.all([
      ensureOwnerFromEnv(db, admin),
      ensureOwnerFromEnv(db, admin),
      ensureOwnerFromEnv(db, admin),
    ]);
    expect(ids.filter(Boolean)).toHaveLength(1);
    expect(await owners(db)).toEqual([{ email: "boot@example.com", role: "owner" }]);
    expect(await ensureOwnerFromEnv(db, { email: "other@example.com", password })).toBeNull();
    expect(await owners(db)).toHaveLength(1);
  });
});
