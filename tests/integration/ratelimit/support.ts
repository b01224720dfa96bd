import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { resetEnvCache } from "@/lib/env";
import { freePort } from "../../support/server";

export type LimiterBackendName = "memory" | "redis";

/** The in-process backend always; Redis too when TEST_REDIS_URL is set (CI). */
export function limiterBackends(): LimiterBackendName[] {
  return process.env.TEST_REDIS_URL ? ["memory", "redis"] : ["memory"];
}

const limiterEnvKeys = [
  "REDIS_URL",
  "UPSTASH_REDIS_REST_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "KV_REST_API_URL",
  "KV_REST_API_TOKEN",
  "LOGWELL_RATE_LIMIT_TIMEOUT_MS",
] as const;

/** Replaces the limiter-related environment for this test file's process. */
export function setLimiterEnv(values: Partial<Record<(typeof limiterEnvKeys)[number], string>>) {
  for (const key of limiterEnvKeys) {
    if (values[key] === undefined) delete process.env[key];
    else process.env[key] = values[key];
  }
  resetEnvCache();
}

export function envFor(backend: LimiterBackendName) {
  return backend === "redis" ? { REDIS_URL: process.env.TEST_REDIS_URL } : {};
}

/** Identifiers no other test run has used (Redis is shared between runs). */
export const uniqueId = (label: string) => `${label}-${randomUUID()}`;

/** A TCP server that accepts connections and never answers: a hung Redis or proxy. */
export async function startHangingServer(): Promise<{
  url: string;
  port: number;
  connections(): number;
  bytesReceived(): number;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let connections = 0;
  let bytes = 0;
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("data", (d) => {
      bytes += d.length;
    });
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    bytesReceived: () => bytes,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A throwaway redis-server on its own port (never the shared one), to stop and restart. */
export async function startThrowawayRedis(port?: number): Promise<{
  url: string;
  port: number;
  stop(): Promise<void>;
}> {
  const ownPort = port ?? (await freePort());
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(ownPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${ownPort}`;
  const { createClient } = await import("redis");
  for (let attempt = 0; attempt < 100; attempt++) {
    const probe = createClient({ url, socket: { reconnectStrategy: false } });
    probe.on("error", () => {});
    try {
      await probe.connect();
      await probe.ping();
      probe.destroy();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    port: ownPort,
    stop: async () => {
      // Killed by a signal, exitCode stays null: check both, or a second stop() waits forever.
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}
