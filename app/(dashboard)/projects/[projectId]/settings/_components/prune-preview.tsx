import { getDb } from "@/lib/db/client";
import { plural } from "@/lib/format/plural";
import { previewPrune } from "@/lib/retention";

/** "Next prune removes N events": what retention and the event cap would delete now. */
export async function PrunePreviewNote({ projectId }: { projectId: string }) {
  const preview = await previewPrune(await getDb(), projectId, new Date());
  if (!preview) return null;
  return (
    <p className="mt-4 text-sm text-zinc-600" data-testid="prune-preview">
      Next prune removes {plural(preview.events, "event")}
      {preview.overCap > 0 ? ` (${preview.overCap.toLocaleString("en")} beyond the event cap)` : ""}
      .
    </p>
  );
}
