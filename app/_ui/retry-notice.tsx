"use client";

/** An error boundary's words and a retry button (app/(auth)/error.tsx, app/(dashboard)/error.tsx). */
export function RetryNotice({
  title,
  children,
  className,
  reset,
}: {
  title: string;
  children: React.ReactNode;
  className: string;
  reset: () => void;
}) {
  return (
    <div role="alert" className={className}>
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-1 text-sm text-zinc-700">{children}</p>
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
