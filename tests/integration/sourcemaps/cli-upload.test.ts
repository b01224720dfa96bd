import { beforeAll, describe, expect, it } from "vitest";
import { logs } from "@/lib/db/schema";
import { getLog } from "@/lib/logs/get";
import { symbolicateLog } from "@/lib/sourcemaps/read/symbolicate";
import { backends } from "../../support/db";
import { useCliFolder } from "../cli/cli-folder";
import { runCli } from "../cli/run-cli";
import { buildApp, v8StackOf } from "./sourcemap-app";

// `npm run logwell -- sourcemaps upload --project P --release R DIR` (issue 20 §1, for those
// who do not use sentry-cli): the real CLI as a child process; what it stores maps a stack.

describe.each(backends())("logwell sourcemaps upload on %s", (backend) => {
  const cli = useCliFolder(backend, "logwell-cli-sourcemaps-");
  const { withDatabase } = cli;
  beforeAll(async () => {
    const migrated = await runCli(["migrate"], cli.env);
    expect(migrated.code, migrated.stderr).toBe(0);
  });

  it("uploads a folder's scripts and maps for a release; a stack of that release maps", async () => {
    const created = await runCli(["project", "create", "--name", "shop", "--json"], cli.env);
    expect(created.code, created.stderr).toBe(0);
    const project = JSON.parse(created.stdout).project as { id: string; number: number };
    const app = await buildApp();
    const args = [
      "sourcemaps",
      "upload",
      "--project",
      String(project.number),
      "--release",
      "shop@3",
    ];
    const upload = await runCli(
      [...args, "--url-prefix", "~/static/js", "--json", app.dir],
      cli.env,
    );
    expect(upload.code, upload.stderr).toBe(0);
    expect(JSON.parse(upload.stdout)).toMatchObject({ stored: true, files: 2 });
    const again = await runCli([...args, "--url-prefix", "~/static/js", app.dir], cli.env);
    expect(again.stdout).toContain("Already uploaded: 2 files");
    const missing = await runCli(["sourcemaps", "upload", "--release", "x", app.dir], cli.env);
    expect(missing.code).toBe(2);

    const stack = v8StackOf(app, `https://shop.example/static/js/${app.scriptName}`)
      .split("\n")
      .filter((l) => !l.includes(" at ") || l.includes("shop.example"))
      .join("\n");
    const mapped = await withDatabase(async ({ db }) => {
      const [row] = await db
        .insert(logs)
        .values({
          projectId: project.id,
          level: 50,
          message: "CartError",
          stack,
          release: "shop@3",
        })
        .returning({ id: logs.id });
      const log = await getLog(db, { projectIds: [project.id] }, String(row?.id));
      if (!log) throw new Error("stored log not found");
      return symbolicateLog(db, log);
    });
    expect(mapped?.mapped).toBe(3);
    expect(mapped?.lines.find((l) => l.original)?.original).toMatchObject({
      function: "validateCart",
      line: 13,
    });
  });
});
