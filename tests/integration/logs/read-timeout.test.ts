import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { queryRows } from "@/lib/db/query";
import { withReadTimeout } from "@/lib/logs/read-transaction";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";

const sqlState = (err: unknown): string | undefined => {
  for (let e = err, i = 0; e && i < 5; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
};

describe.each(backends())("read transactions on %s (QRY-5)", (backend) => {
  const database = useTestDatabase(backend);

  it("are read only", async () => {
    const err = await withReadTimeout(database.db, (tx) =>
      queryRows(tx, sql`INSERT INTO app_state (key, value) VALUES ('x', '1'::jsonb)`),
    ).catch((e: unknown) => e);
    expect(sqlState(err)).toBe("25006");
  });

  it("set statement_timeout for the transaction only", async () => {
    const inside = await withReadTimeout(
      database.db,
      (tx) => queryRows<{ statement_timeout: string }>(tx, sql`SHOW statement_timeout`),
      1234,
    );
    expect(inside[0]?.statement_timeout).toBe("1234ms");
    const outside = await queryRows<{ statement_timeout: string }>(
      database.db,
      sql`SHOW statement_timeout`,
    );
    expect(outside[0]?.statement_timeout).not.toBe("1234ms");
  });
});

// PGlite runs queries synchronously in wasm and has no timer to cancel them with.
describe.each(backends().filter((b) => b === "postgres"))("slow reads on %s", (backend) => {
  const database = useTestDatabase(backend);

  it("are cancelled and map to 503, not a hang (TC-24)", async () => {
    const err = await withReadTimeout(
      database.db,
      (tx) => queryRows(tx, sql`SELECT pg_sleep(5)`),
      50,
    ).catch((e: unknown) => e);
    expect(sqlState(err)).toBe("57014");
    expect(isDatabaseUnavailable(err)).toBe(true);
  });
});
