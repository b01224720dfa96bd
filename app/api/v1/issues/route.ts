// GET /api/v1/issues — a page of issues with filters, sort and a signed cursor (read API).
import { route } from "@/lib/http/route";
import { handleListIssues } from "@/lib/issues/api";

export const GET = route(handleListIssues);
