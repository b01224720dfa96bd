import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { startSession } from "@/lib/auth/sessions";
import { openDatabase } from "@/lib/db/open";
import { adminTokens, projects, userSessions, users } from "@/lib/db/schema";
import { hashSecret } from "@/lib/keys/secrets";
import { verifyPassword } from "@/lib/users/password";
import { backends, createServerDatabase, dropServerDatabase } from "../../support/db";
import { useCliFolder } from "./cli-folder";
import { runCli } from "./run-cli";

// The real CLI as a child process, on a temporary embedded folder and on a server database.
describe.each(backends())("logwell CLI on %s", (backend) => {
  const cli = useCliFolder(backend, "logwell-cli-");
  const { withDatabase } = cli;

  it("help and usage errors", async () => {
    const help = await runCli(["help"], cli.env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("project create --name N");
    const unknown = await runCli(["frobnicate"], cli.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const badFlag = await runCli(["prune", "--bogus"], cli.env);
    expect(badFlag.code).toBe(2);
  });

  it("migrate applies migrations and is idempotent", async () => {
    for (let i = 0; i < 2; i++) {
      const result = await runCli(["migrate"], cli.env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("Migrations applied");
    }
  });

  it("user create makes a user with a hashed password; a duplicate email is a clean error", async () => {
    const args = [
      "user",
      "create",
      "--email",
      "Ops@Example.com",
      "--password",
      "a long password 123",
      "--role",
      "owner",
    ];
    const created = await runCli(args, cli.env);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Created owner ops@example.com");
    const duplicate = await runCli(args, cli.env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("already exists");
    expect(duplicate.stderr).not.toMatch(/\n\s+at /);
    const invalid = await runCli(
      ["user", "create", "--email", "x@example.com", "--password", "short", "--role", "root"],
      cli.env,
    );
    expect(invalid.code).toBe(2);
    const rows = await withDatabase((d) =>
      d.db.select().from(users).where(eq(users.email, "ops@example.com")),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.role).toBe("owner");
    expect(rows[0]?.passwordHash).toMatch(/^scrypt\$/);
  });

  it("user create --password-stdin keeps the password off the command line", async () => {
    const password = "from stdin, not argv 789";
    const args = ["user", "create", "--email", "stdin@example.com", "--password-stdin", "--json"];
    const created = await runCli(args, cli.env, `${password}\n`);
    expect(created.stderr).toBe("");
    expect(JSON.parse(created.stdout).user).toMatchObject({
      email: "stdin@example.com",
      role: "viewer",
    });
    const [row] = await withDatabase((d) =>
      d.db.select().from(users).where(eq(users.email, "stdin@example.com")),
    );
    expect(await verifyPassword(password, row?.passwordHash ?? "")).toBe(true);
    const both = await runCli([...args, "--password", "x"], cli.env, "y\n");
    expect(both.code).toBe(2);
  });

  it("user reset-password sets a random or given password and ends every session", async () => {
    const sessionsOf = (userId: string) =>
      withDatabase((d) => d.db.select().from(userSessions).where(eq(userSessions.userId, userId)));
    const [user] = await withDatabase((d) =>
      d.db.select().from(users).where(eq(users.email, "stdin@example.com")),
    );
    const userId = user?.id ?? "";
    await withDatabase((d) => startSession(d.db, userId));
    expect(await sessionsOf(userId)).toHaveLength(1);

    const random = await runCli(
      ["user", "reset-password", "--email", "STDIN@example.com", "--json"],
      cli.env,
    );
    expect(random.code).toBe(0);
    const { password } = JSON.parse(random.stdout);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const [after] = await withDatabase((d) =>
      d.db.select().from(users).where(eq(users.id, userId)),
    );
    expect(await verifyPassword(password, after?.passwordHash ?? "")).toBe(true);
    expect(await sessionsOf(userId)).toEqual([]);

    const chosen = "chosen on stdin 12345";
    const given = await runCli(
      ["user", "reset-password", "--email", "stdin@example.com", "--password-stdin"],
      cli.env,
      `${chosen}\n`,
    );
    expect(given.code).toBe(0);
    expect(given.stdout).not.toContain(chosen);
    const [again] = await withDatabase((d) =>
      d.db.select().from(users).where(eq(users.id, userId)),
    );
    expect(await verifyPassword(chosen, again?.passwordHash ?? "")).toBe(true);

    const unknown = await runCli(
      ["user", "reset-password", "--email", "nobody@example.com"],
      cli.env,
    );
    expect(unknown.code).toBe(2);
    const short = await runCli(
      ["user", "reset-password", "--email", "stdin@example.com", "--password-stdin"],
      cli.env,
      "short\n",
    );
    expect(short.code).toBe(2);
  });

  it("project create --json prints the project and its ingest key", async () => {
    const result = await runCli(
      ["project", "create", "--name", "Web shop", "--retention-days", "14", "--json"],
      cli.env,
    );
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.project).toMatchObject({ name: "Web shop", retention_days: 14 });
    expect(body.ingest_key).toMatch(/^lw_pub_[0-9A-Za-z]{22,}$/);
  });

  it("INJ-2: names with control and bidi characters are printed escaped, never raw", async () => {
    const name = "evil\u001b]8;;http://x\u0007\u202eenil\u0085";
    const text = await runCli(["project", "create", "--name", name], cli.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("evil\\u001b]8;;http://x\\u0007\\u202eenil\\u0085");
    const json = await runCli(["prune", "--dry-run", "--json"], cli.env);
    expect(json.code).toBe(0);
    for (const output of [text.stdout, json.stdout]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
      expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
    // Escaped, the JSON is still JSON and carries the exact name.
    expect(JSON.parse(json.stdout).projects.map((p: { name: string }) => p.name)).toContain(name);
  });

  it("token create stores only the token's hash, as the operator's (CLI) token", async () => {
    const result = await runCli(["token", "create", "--name", "deploy script", "--json"], cli.env);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.secret).toMatch(/^lw_sec_[0-9A-Za-z]{22,}$/);
    expect(body.token).toMatchObject({ name: "deploy script", role: "admin" });
    const rows = await withDatabase((d) =>
      d.db.select().from(adminTokens).where(eq(adminTokens.id, body.token.id)),
    );
    expect(rows[0]?.tokenHash).toBe(hashSecret(body.secret));
    // A CLI token has no creator whose removal or demotion would revoke it.
    expect(rows[0]).toMatchObject({ createdVia: "cli", createdBy: null });
    expect(JSON.stringify(rows)).not.toContain(body.secret);
  });

  it("prune deletes expired events and reports it", async () => {
    await withDatabase(async (d) => {
      const [project] = await d.db
        .insert(projects)
        .values({ name: "old stuff", retentionDays: 1 })
        .returning();
      const { logs } = await import("@/lib/db/schema");
      await d.db.insert(logs).values(
        [5, 3, 0].map((daysAgo) => ({
          projectId: project?.id ?? "",
          level: 30,
          message: `${daysAgo} days ago`,
          receivedAt: new Date(Date.now() - daysAgo * 86_400_000 - 60_000),
        })),
      );
    });
    const dry = await runCli(["prune", "--dry-run"], cli.env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/old stuff \([0-9a-f-]+\): would delete 2 events/);
    const real = await runCli(["prune", "--json"], cli.env);
    expect(real.code).toBe(0);
    const body = JSON.parse(real.stdout);
    expect(body.projects.find((p: { name: string }) => p.name === "old stuff")).toMatchObject({
      deleted: 2,
      done: true,
    });
    expect(body.done).toBe(true);
  });

  if (backend === "pglite") {
    it("refuses clearly while a server holds the embedded folder (no stack trace)", async () => {
      // The pid lock a running server writes: this test process stands in for the server.
      const lockFile = path.join(cli.dataDir, "pglite.lock");
      writeFileSync(lockFile, String(process.pid));
      try {
        const result = await runCli(["project", "create", "--name", "while busy"], cli.env);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`is in use by process ${process.pid}`);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.stdout).toBe("");
      } finally {
        rmSync(lockFile, { force: true });
      }
    });
  } else {
    it("migrate --before-build migrates the unpooled URL on Vercel and skips elsewhere", async () => {
      const fresh = await createServerDatabase();
      try {
        const offVercel = await runCli(["migrate", "--before-build"], { DATABASE_URL: fresh });
        expect(offVercel.code).toBe(0);
        expect(offVercel.stdout).toContain("not on Vercel; skipped");
        const noDatabase = await runCli(["migrate", "--before-build"], { VERCEL: "1" });
        expect(noDatabase.code).toBe(0);
        expect(noDatabase.stdout).toContain("skipped");
        // The pooled URL is unusable here: only the direct one may be used for migrations.
        const onVercel = await runCli(["migrate", "--before-build"], {
          VERCEL: "1",
          DATABASE_URL: "postgres://postgres@127.0.0.1:1/pooled",
          DATABASE_URL_UNPOOLED: fresh,
        });
        expect(onVercel.stderr).toBe("");
        expect(onVercel.code).toBe(0);
        const database = await openDatabase({ url: fresh, driver: "pg" });
        try {
          expect(await database.db.select().from(projects)).toEqual([]);
        } finally {
          await database.close();
        }
      } finally {
        await dropServerDatabase(fresh);
      }
    });

    it("reports an unreachable database without a stack trace", async () => {
      const result = await runCli(["prune"], {
        ...cli.env,
        DATABASE_URL: "postgres://postgres@127.0.0.1:1/none",
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("The database is unavailable");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }
});
