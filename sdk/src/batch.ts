// Queued events are kept serialized, as [id, json], so the offline store and the request body
// reuse the same string and the byte budget is measured on what is actually sent.

export type Item = [id: string, json: string];

export const byteLength = (text: string): number => new Blob([text]).size;

export const batchBody = (items: Item[]): string => `[${items.map((item) => item[1]).join(",")}]`;

/**
 * The longest prefix of `items` with at most `maxCount` events and `maxBytes` of body, but at
 * least one event: an oversized event goes alone (the server truncates its long fields), so it
 * can never block the queue. A beacon refuses what exceeds its quota; that event stays stored.
 */
export function takeBatch(items: Item[], maxCount: number, maxBytes: number): Item[] {
  let bytes = 1;
  let count = 0;
  while (count < items.length && count < maxCount) {
    bytes += byteLength((items[count] as Item)[1]) + 1;
    if (bytes > maxBytes && count) break;
    count++;
  }
  return items.slice(0, count);
}
