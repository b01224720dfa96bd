// `npm run logwell -- <command>`: the operator CLI (lib/cli). `npm run db:migrate` = `migrate`.
import { main } from "@/lib/cli/main";

process.exitCode = await main(process.argv.slice(2));
