import { benchEvent, runPrefix } from "./events";

/**
 * Request bodies for the ingest load: `{"events":[...]}` with `batchSize` events, each with a
 * unique id. Built from pre-serialised templates so the load generator spends its CPU sending,
 * not serialising (it shares the machine with the server it measures).
 */
export function ingestBodies(batchSize: number): (seq: number) => Buffer {
  const marker = "@@ID@@";
  const templates = [0, 1, 2].map((v) => JSON.stringify(benchEvent(marker, v)).split(marker));
  const prefix = runPrefix();
  return (seq) => {
    const parts: string[] = [];
    for (let i = 0; i < batchSize; i++) {
      const [head, tail] = templates[(seq + i) % 3] ?? [];
      parts.push(`${head}${prefix}-${batchSize}-${seq}-${i}${tail}`);
    }
    return Buffer.from(`{"events":[${parts.join(",")}]}`);
  };
}
