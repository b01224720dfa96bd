import { createAdminToken } from "@/lib/auth/admin-tokens";
import { createProject } from "@/lib/projects/create-project";
import { type ServerSeededWith, startServerSeededWith } from "../../support/seed";

/** The read API tests' name for the shared seeded server (tests/support/seed.ts). */
export type ReadApiServer = ServerSeededWith<unknown>;
export const startReadApiServer = startServerSeededWith;

export { createAdminToken, createProject };

/** A small RFC 4180 parser (quoted fields, doubled quotes, CRLF inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
