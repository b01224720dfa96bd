import Link from "next/link";
import { CommandBlock, EmptyStateCard } from "@/app/_ui/empty-state-card";
import { browserSnippet, curlCommand, keyPlaceholder } from "../../../_components/snippets";

/** What a new admin sees before the first event: how to send one. */
export function EmptyState({ projectId, origin }: { projectId: string; origin: string }) {
  const curl = curlCommand(origin, keyPlaceholder, '{"level":"info","message":"hello from curl"}');
  return (
    <EmptyStateCard title="No events yet">
      <p className="text-sm text-zinc-600">
        Send your first log with this project&apos;s ingest key (create or copy one in{" "}
        <Link href={`/projects/${projectId}/settings`} className="underline">
          project settings
        </Link>
        ). Add the browser SDK to your app:
      </p>
      <CommandBlock text={browserSnippet(origin, keyPlaceholder)} />
      <p className="text-sm text-zinc-600">or try it from a terminal:</p>
      <CommandBlock text={curl} />
    </EmptyStateCard>
  );
}
