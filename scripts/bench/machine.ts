import { readFileSync } from "node:fs";
import os from "node:os";

/** What the figures were measured on: they mean little without it. */
export function describeMachine(): string {
  let cpu = os.cpus()[0]?.model ?? "unknown CPU";
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line) cpu = line.split(":")[1]?.trim() ?? cpu;
  } catch {
    // Not Linux: os.cpus() is the best we have.
  }
  const memGb = (os.totalmem() / 1024 ** 3).toFixed(0);
  return `${os.availableParallelism()} CPUs (${cpu}), ${memGb} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}
