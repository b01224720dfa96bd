// A preflight refused for its origin (the key in ?key=, a browser exporter sending JSON) means
// the browser never sends the POST: ingest health counts that refusal at the preflight, under
// the key's project, with the origin as the advice's example. PGlite and Postgres.
import { describe, expect, it } from "vitest";
import { withRequestContext } from "@/lib/http/request-context";
import { flushIngestOutcomes } from "@/lib/ingest/accounting/flush";
import { ingestPreflight } from "@/lib/ingest/request/preflight";
import { projectIngestHealth } from "@/lib/projects/ingest-health";
import { backends } from "../../../support/db";
import { seedProject } from "../../../support/seed";
import { useTestDatabase } from "../../../support/use-database";

describe.each(backends())("a refused preflight on %s", (backend) => {
  const database = useTestDatabase(backend);

  it("counts origin_not_allowed for the key's project; an allowed origin counts nothing", async () => {
    const project = await seedProject(database.db, {
      name: "browser",
      allowedOrigins: ["https://app.example"],
    });
    const preflight = async (origin: string) => {
      const request = new Request(`http://localhost/api/otlp/v1/logs?key=${project.key}`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST" },
      });
      const response = await withRequestContext(request, (ctx) =>
        ingestPreflight(ctx, { db: database.db }),
      );
      return response.status;
    };
    expect(await preflight("https://evil.example")).toBe(403);
    expect(await preflight("https://app.example")).toBe(204);
    await flushIngestOutcomes(database.db);
    const { totals } = await projectIngestHealth(database.db, project.id);
    expect(totals).toEqual([
      { outcome: "origin_not_allowed", events: 1, requests: 1, example: "https://evil.example" },
    ]);
  });
});
