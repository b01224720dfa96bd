"use client";

// Sign-in and setup pages read the database; when it is down, say so instead of a blank error.
export default function AuthError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main role="alert" className="mx-auto max-w-sm px-4 py-16">
      <h1 className="text-xl font-semibold">Logwell is not available right now</h1>
      <p className="mt-2 text-sm text-zinc-600">
        The database may be restarting. Try again shortly.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-zinc-900 px-4 py-2 text-sm text-white"
      >
        Try again
      </button>
    </main>
  );
}
