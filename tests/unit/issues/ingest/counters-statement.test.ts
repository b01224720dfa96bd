import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { expect, test } from "vitest";
import type { RunOptions } from "@/lib/db/query";
import { addIssueCounts } from "@/lib/issues/ingest/counters";
import type { IssueDelta } from "@/lib/issues/ingest/delta";

// The counters run as a named prepared statement on the COPY group's connection
// (lib/db/copy.ts), which node-postgres refuses if one name ever comes with two texts: the
// statement's text must not depend on the deltas (only its parameters do).
const dialect = new PgDialect();

function delta(id: string, extra: Partial<IssueDelta> = {}): IssueDelta {
  return {
    id,
    projectId: "7d3c1e1a-2b4f-4c5d-8e6f-708192a3b4c5",
    key: `k${id}`,
    version: 1,
    title: "TypeError: a",
    culprit: null,
    type: "TypeError",
    events: 1,
    level: 50,
    firstSeen: 1_700_000_000_000,
    firstRelease: null,
    lastSeen: 1_700_000_000_000,
    lastRelease: null,
    hours: [[1_699_999_200_000, 1]],
    releases: [],
    withoutRelease: true,
    environments: [],
    users: [],
    ...extra,
  };
}

async function statementOf(deltas: IssueDelta[]) {
  const seen: { text: string; options?: RunOptions }[] = [];
  await addIssueCounts(async <T>(query: SQL, options?: RunOptions) => {
    seen.push({ text: dialect.sqlToQuery(query).sql, options });
    return [] as T[];
  }, deltas);
  expect(seen).toHaveLength(1);
  return seen[0] as { text: string; options?: RunOptions };
}

test("the counters statement has one text and a name, whatever it counts", async () => {
  const one = await statementOf([delta("1")]);
  const many = await statementOf([
    delta("2", { releases: ["web@1"], environments: ["prod"], users: ["id:a", "id:b"] }),
    delta("30", {
      hours: [
        [1_699_995_600_000, 2],
        [1_699_999_200_000, 3],
      ],
      culprit: "f (a.js)",
    }),
  ]);
  expect(many.text).toBe(one.text);
  expect(one.options?.prepared).toBeTruthy();
  expect(many.options?.prepared).toBe(one.options?.prepared);
});
