import { createAdminToken } from "@/lib/auth/admin-tokens";
import type { Db } from "@/lib/db/open";
import { createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/users/create-user";
import { UsageError } from "../errors";
import { escapeForTerminal as esc, type Output } from "../output";
import { readPasswordFromStdin } from "./stdin";

type Flags = Record<string, string | boolean | undefined>;

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required.`);
  return value;
}

const optional = (flags: Flags, name: string) =>
  typeof flags[name] === "string" ? (flags[name] as string) : undefined;

export async function createUserCommand(db: Db, flags: Flags, out: Output) {
  if (flags["password-stdin"] && flags.password !== undefined) {
    throw new UsageError("Use either --password or --password-stdin, not both.");
  }
  const user = await createUser(db, {
    email: required(flags, "email"),
    password: flags["password-stdin"] ? await readPasswordFromStdin() : required(flags, "password"),
    name: optional(flags, "name"),
    // Validated by the user schema (owner | admin | viewer).
    role: (optional(flags, "role") ?? "viewer") as "viewer",
  });
  if (flags.json) return out.json({ user });
  out.line(`Created ${esc(user.role)} ${esc(user.email)} (id ${user.id}).`);
}

export async function createProjectCommand(db: Db, flags: Flags, out: Output) {
  const days = optional(flags, "retention-days");
  const retentionDays = days === undefined ? undefined : Number(days);
  if (retentionDays !== undefined && (!Number.isInteger(retentionDays) || retentionDays < 1)) {
    throw new UsageError("--retention-days must be a whole number of days, at least 1.");
  }
  const name = required(flags, "name").trim();
  if (name.length === 0 || name.length > 100)
    throw new UsageError("--name must be 1 to 100 characters.");
  const { project, key } = await createProject(db, { name, retentionDays });
  if (flags.json) {
    return out.json({
      project: {
        id: project.id,
        number: project.number,
        name: project.name,
        retention_days: project.retentionDays,
      },
      ingest_key: key,
    });
  }
  out.line(
    `Created project ${esc(project.name)} (id ${project.id}, number ${project.number}, retention ${project.retentionDays} days).`,
  );
  out.line(`Ingest key (public: safe to embed in client apps; also on the settings page): ${key}`);
}

export async function createTokenCommand(db: Db, flags: Flags, out: Output) {
  const { token, adminToken } = await createAdminToken(
    db,
    {
      name: required(flags, "name"),
      // Validated by the token schema (admin | viewer).
      role: (optional(flags, "role") ?? "admin") as "admin",
    },
    "cli",
  );
  if (flags.json) {
    return out.json({
      token: { id: adminToken.id, name: adminToken.name, role: adminToken.role },
      secret: token,
    });
  }
  out.line(
    `Created ${esc(adminToken.role)} API token ${esc(adminToken.name)} (id ${adminToken.id}).`,
  );
  out.line(`Token (shown once, keep it secret): ${token}`);
}
