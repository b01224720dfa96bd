import { secondaryButtonClass } from "@/app/_ui/styles";
import { setMemberAction } from "../actions";

interface ViewerRow {
  id: string;
  email: string;
  isMember: boolean;
}

/** Viewers see only the projects they are members of; admins and owners see all. */
export function MembersSection({
  projectId,
  viewers,
}: {
  projectId: string;
  viewers: ViewerRow[];
}) {
  if (viewers.length === 0) {
    return (
      <p className="text-sm text-zinc-600">
        No viewers exist. Owners add users in Settings → Users.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-zinc-200">
      {viewers.map((v) => (
        <li key={v.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
          <span className="mr-auto break-all">{v.email}</span>
          <span className="text-zinc-500">{v.isMember ? "has access" : "no access"}</span>
          <form action={setMemberAction.bind(null, projectId)}>
            <input type="hidden" name="userId" value={v.id} />
            <input type="hidden" name="grant" value={v.isMember ? "0" : "1"} />
            <button type="submit" className={`${secondaryButtonClass} py-1 text-xs`}>
              {v.isMember ? "Remove access" : "Grant access"}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}
