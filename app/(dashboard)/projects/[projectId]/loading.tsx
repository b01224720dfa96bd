// Skeleton while a project's logs or settings load. It lives here, inside the project layout,
// not at the dashboard root: a Suspense boundary above the layout's access check would send
// the 200 before notFound()/forbidden() could set 404/403.
export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading" className="animate-pulse space-y-4">
      <div className="h-7 w-48 rounded bg-zinc-200" />
      <div className="h-24 rounded bg-zinc-200" />
      <div className="h-24 rounded bg-zinc-200" />
    </div>
  );
}
