// GET|PATCH /api/v1/issues/{id} — one issue; change its status (admin). Foreign and missing
// ids are the same 404, checked before the role.
import { route } from "@/lib/http/route";
import { handleGetIssue, handlePatchIssue } from "@/lib/issues/api";

type Params = { id: string };

export const GET = route((ctx, { id }: Params) => handleGetIssue(ctx, id));
export const PATCH = route((ctx, { id }: Params) => handlePatchIssue(ctx, id));
