import { parseArgs } from "node:util";
import { type Database, openDatabase } from "@/lib/db/open";
import { createProjectCommand, createTokenCommand, createUserCommand } from "./commands/create";
import { migrateCommand } from "./commands/migrate";
import { pruneCommand } from "./commands/prune";
import { resetPasswordCommand } from "./commands/reset-password";
import { sourcemapsUploadCommand } from "./commands/sourcemaps";
import { describeFailure, UsageError } from "./errors";
import { type Output, processOutput } from "./output";
import { usage } from "./usage";

const options = {
  email: { type: "string" },
  password: { type: "string" },
  "password-stdin": { type: "boolean" },
  role: { type: "string" },
  name: { type: "string" },
  "retention-days": { type: "string" },
  json: { type: "boolean" },
  "dry-run": { type: "boolean" },
  "before-build": { type: "boolean" },
  project: { type: "string" },
  release: { type: "string" },
  dist: { type: "string" },
  "url-prefix": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Flags = ReturnType<
  typeof parseArgs<{ options: typeof options; allowPositionals: true }>
>["values"];

// Commands that work on an open database; `migrate` opens its own (it may pick another URL).
const databaseCommands: Record<
  string,
  (db: Database["db"], flags: Flags, out: Output) => Promise<void>
> = {
  "user create": createUserCommand,
  "user reset-password": resetPasswordCommand,
  "project create": createProjectCommand,
  "token create": createTokenCommand,
  prune: pruneCommand,
};

/** Runs one CLI invocation; returns the process exit code. */
export async function main(argv: string[], out: Output = processOutput): Promise<number> {
  try {
    const { values: flags, positionals } = parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
    const command = positionals.join(" ");
    if (command === "" || command === "help" || flags.help) {
      out.line(usage);
      return 0;
    }
    if (command === "migrate") {
      await migrateCommand(flags, out);
      return 0;
    }
    if (positionals[0] === "sourcemaps" && positionals[1] === "upload" && positionals.length <= 3) {
      const database = await openDatabase();
      try {
        await sourcemapsUploadCommand(database.db, flags, out, positionals[2]);
      } finally {
        await database.close();
      }
      return 0;
    }
    const run = databaseCommands[command];
    if (!run) throw new UsageError(`Unknown command "${command}".`);
    const database = await openDatabase();
    try {
      await run(database.db, flags, out);
    } finally {
      await database.close();
    }
    return 0;
  } catch (err) {
    // parseArgs rejects unknown options with a TypeError carrying an ERR_PARSE_ARGS_* code.
    const isArgError = String((err as { code?: unknown })?.code ?? "").startsWith("ERR_PARSE_ARGS");
    const failure = isArgError
      ? { message: (err as Error).message, exitCode: 2 }
      : describeFailure(err);
    out.error(`logwell: ${failure.message}`);
    if (failure.exitCode === 2) out.error("Run `npm run logwell -- help` for usage.");
    return failure.exitCode;
  }
}
