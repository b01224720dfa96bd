"use client";

import { RetryNotice } from "@/app/_ui/retry-notice";

// Sign-in and setup pages read the database; when it is down, say so instead of a blank error.
export default function AuthError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-sm px-4 py-16">
      <RetryNotice title="Logwell is not available right now" className="" reset={reset}>
        The database may be restarting. Try again shortly.
      </RetryNotice>
    </main>
  );
}
