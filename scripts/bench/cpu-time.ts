import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type pg from "pg";

/**
 * CPU time actually spent, read from /proc (Linux). On a shared machine wall-clock rates move
 * with everyone else's load; CPU-ms per event barely does, so the report gives both.
 */
const ticksPerSecond = 100; // USER_HZ: 100 on every Linux this runs on

/** utime + stime of one process in ms, or 0 when it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** A process and its children (a LOGWELL_PROCESSES supervisor and its server processes). */
export function withChildren(pid: number): number[] {
  try {
    const out = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" });
    return [pid, ...out.split("\n").filter(Boolean).map(Number)];
  } catch {
    return [pid]; // pgrep exits 1 when there are none
  }
}

/** Server backends of one database, other than the asking connection. */
export async function backendPids(client: pg.Client, database: string): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>(
    "select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
    [database],
  );
  return rows.map((r) => r.pid);
}

/** CPU spent by a set of processes between `start()` and `stop()`. */
export function cpuMeter(pids: () => Promise<number[]> | number[]) {
  const before = new Map<number, number>();
  return {
    async start() {
      for (const pid of await pids()) before.set(pid, processCpuMs(pid));
    },
    async stop(): Promise<number> {
      let total = 0;
      for (const pid of new Set([...before.keys(), ...(await pids())])) {
        // A process that appeared mid-run counts from zero; one that vanished is lost (rare).
        const now = processCpuMs(pid);
        if (now > 0) total += now - (before.get(pid) ?? 0);
      }
      return total;
    },
  };
}

/** Busy share of all CPUs between `start()` and `stop()` (/proc/stat): 1 means saturated. */
export function machineBusyMeter() {
  const read = () => {
    const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal: idle and iowait are the idle ones.
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
    return { idle, total, steal: fields[7] ?? 0 };
  };
  let before = read();
  let steal = 0;
  return {
    start() {
      before = read();
    },
    stop(): number {
      const now = read();
      const total = now.total - before.total;
      steal = total > 0 ? (now.steal - before.steal) / total : 0;
      return total > 0 ? 1 - (now.idle - before.idle) / total : 0;
    },
    /** Share of the time the hypervisor gave the CPUs to others, over the last start–stop. */
    steal: () => steal,
  };
}
