// Skeleton while a project's logs load. A Suspense boundary sends the 200 before anything under
// it can call notFound()/forbidden(), so boundaries sit only where nothing below decides a
// status: not at the project level, where it would wrap the event page's 404
// (../(event)/logs/[logId]) and the settings page's 403.
export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading" className="animate-pulse space-y-4">
      <div className="h-7 w-48 rounded bg-zinc-200" />
      <div className="h-24 rounded bg-zinc-200" />
      <div className="h-24 rounded bg-zinc-200" />
    </div>
  );
}
