// Skeleton while a dashboard page loads its data.
export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading" className="animate-pulse space-y-4">
      <div className="h-7 w-48 rounded bg-zinc-200" />
      <div className="h-24 rounded bg-zinc-200" />
      <div className="h-24 rounded bg-zinc-200" />
    </div>
  );
}
