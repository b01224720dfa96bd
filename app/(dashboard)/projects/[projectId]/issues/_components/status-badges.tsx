import type { IssueDto } from "@/lib/issues/dto";

/** "Regressed", and the status when it is not the default: on the list and the issue page. */
export function StatusBadges({ issue }: { issue: Pick<IssueDto, "status" | "regressed"> }) {
  return (
    <>
      {issue.regressed && (
        <span
          data-regressed=""
          className="rounded bg-red-600 px-1.5 py-0.5 text-[11px] font-semibold uppercase text-white"
          title="An event arrived after the issue was resolved"
        >
          Regressed
        </span>
      )}
      {issue.status !== "unresolved" && (
        <span
          data-status={issue.status}
          className={`rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase ${issue.status === "resolved" ? "bg-emerald-100 text-emerald-800" : "bg-zinc-200 text-zinc-700"}`}
        >
          {issue.status}
        </span>
      )}
    </>
  );
}
