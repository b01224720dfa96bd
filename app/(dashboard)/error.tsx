"use client";

import { RetryNotice } from "@/app/_ui/retry-notice";

// Shown when a dashboard page throws; the server log has the cause under the digest.
export default function DashboardError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <RetryNotice
      title="Something went wrong"
      className="rounded-lg border border-red-200 bg-red-50 p-6"
      reset={reset}
    >
      The page could not be loaded. If the database is restarting, try again in a moment.
      {error.digest ? ` (reference ${error.digest})` : ""}
    </RetryNotice>
  );
}
