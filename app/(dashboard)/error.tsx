"use client";

// Shown when a dashboard page throws; the server log has the cause under the digest.
export default function DashboardError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-1 text-sm text-zinc-700">
        The page could not be loaded. If the database is restarting, try again in a moment.
        {error.digest ? ` (reference ${error.digest})` : ""}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-zinc-900 px-4 py-2 text-sm text-white"
      >
        Try again
      </button>
    </div>
  );
}
