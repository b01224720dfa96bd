import Link from "next/link";
import { CommandBlock, EmptyStateCard } from "@/app/_ui/empty-state-card";
import { curlCommand, keyPlaceholder } from "../../../_components/snippets";

/** A project without any issue yet: what makes one, and how to send a first error. */
export function IssuesEmptyState({ projectId, origin }: { projectId: string; origin: string }) {
  const curl = curlCommand(
    origin,
    keyPlaceholder,
    '{"level":"error","message":"TypeError: cart is undefined"}',
  );
  return (
    <EmptyStateCard title="No issues yet">
      <p className="text-sm text-zinc-600">
        Every error (level <code>error</code> or <code>fatal</code>, or any event with a stack) is
        grouped into an issue: the same crash a thousand times is one issue, counted. The browser
        SDK and Sentry SDKs report uncaught errors by themselves; get a key or a DSN in{" "}
        <Link href={`/projects/${projectId}/settings`} className="underline">
          project settings
        </Link>
        , or send one from a terminal:
      </p>
      <CommandBlock text={curl} />
      <p className="text-sm text-zinc-600">
        Every event, errors or not, is in{" "}
        <Link href={`/projects/${projectId}/logs`} className="underline">
          Logs
        </Link>
        .
      </p>
    </EmptyStateCard>
  );
}
