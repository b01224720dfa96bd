import { Card } from "@/app/_ui/card";
import { EscapedText } from "@/app/_ui/escaped-text";
import { plural } from "@/lib/format/plural";
import type { listProjectDeletions } from "@/lib/projects/delete-project";
import { RefreshWhileShown } from "./refresh-while-shown";

type Deletion = Awaited<ReturnType<typeof listProjectDeletions>>[number];

/** Projects already gone whose events are still being deleted, with what is left. */
export function DeletionsInProgress({ deletions }: { deletions: Deletion[] }) {
  if (deletions.length === 0) return null;
  return (
    <Card
      headingId="deleting-heading"
      title="Deleting"
      headingClassName="mb-2"
      data-testid="deletions"
    >
      <ul className="space-y-1 text-sm">
        {deletions.map((d) => (
          <li key={d.projectId}>
            <EscapedText text={d.name} />: {d.remainingIsCapped ? "over " : "about "}
            {plural(d.remaining, "event")} left. The project is already gone; its events are deleted
            in the background.
          </li>
        ))}
      </ul>
      <RefreshWhileShown everyMs={3000} />
    </Card>
  );
}
