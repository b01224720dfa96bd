/**
 * "1 event", "2 events", "12,345 events": every count shown to people goes through here, so no
 * page says "1 events". Irregular plurals are passed in.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}
