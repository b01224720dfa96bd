// A partition of `logs` holds one UTC day of received_at: [00:00, next 00:00). Its name is
// `logs_` + the day as YYYYMMDD, made only from a Date here, so it is safe to splice into DDL.

const dayMs = 24 * 60 * 60 * 1000;

/** 00:00 UTC of the day `at` falls in. */
export function utcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / dayMs) * dayMs);
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * dayMs);
}

export function partitionName(day: Date): string {
  return `logs_${utcDay(day).toISOString().slice(0, 10).replaceAll("-", "")}`;
}

const namePattern = /^logs_(\d{4})(\d{2})(\d{2})$/;

/** The day a partition name stands for; undefined for any other table (logs_default too). */
export function dayOfPartition(name: string): Date | undefined {
  const m = namePattern.exec(name);
  if (!m) return undefined;
  const day = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00.000Z`);
  return Number.isNaN(day.getTime()) || partitionName(day) !== name ? undefined : day;
}
