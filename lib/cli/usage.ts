export const usage = `Usage: npm run logwell -- <command> [options]

Commands:
  migrate                          Apply pending database migrations.
  user create --email E (--password P | --password-stdin) [--role owner|admin|viewer] [--name N]
                                   Create a dashboard user (default role: viewer).
  user reset-password --email E [--password-stdin] [--json]
                                   Set a new password (random and printed once without stdin)
                                   and sign the user out everywhere.
  project create --name N [--retention-days D] [--json]
                                   Create a project and print its first ingest key.
  token create --name N [--role admin|viewer] [--json]
                                   Create an admin API token (lw_sec_...), shown once.
  prune [--dry-run] [--json]       Delete events past each project's retention now.
  sourcemaps upload --project P [--release R] [--dist D] [--url-prefix ~/static/js] [--json] DIR
                                   Store DIR's .js and .map files for the project (P = its
                                   number or id); sentry-cli's upload also works.
  help                             Show this help.

The database is DATABASE_URL (or POSTGRES_URL); without one, the embedded database in
LOGWELL_DATA_DIR (default .data/). Stop a server using the embedded database first.`;
