// Next.js calls register() once per server instance, before it serves requests.
export async function register() {
  // NEXT_RUNTIME is inlined by the bundler (not read from lib/env), so the Edge bundle drops the
  // Node-only bootstrap (database drivers, timers) entirely.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { bootstrapOnStart } = await import("@/lib/bootstrap/on-start");
    await bootstrapOnStart();
    // For `npm start` (scripts/server.mjs); plain `next start`/`next dev` never look at it.
    const { offerDirectLane } = await import("@/lib/http/direct-lane/lane");
    offerDirectLane();
  }
}
