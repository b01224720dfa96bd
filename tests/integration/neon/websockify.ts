import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { connect } from "node:net";
import { freePort } from "../../support/server";

/**
 * Debian's websockify in front of a plain Postgres: the WebSocket endpoint the Neon serverless
 * driver speaks to, so its Pool runs against the local server (Neon's HTTP mode cannot).
 */
export interface WebsockifyProxy {
  port: number;
  output(): string;
  stop(): Promise<void>;
}

export function hasWebsockify(): boolean {
  return spawnSync("websockify", ["--help"], { stdio: "ignore" }).status === 0;
}

export async function startWebsockify(target: { host: string; port: number }) {
  if (!hasWebsockify()) {
    // CI installs it (.ci/run); a missing proxy must fail the Neon test, never skip it.
    throw new Error("websockify is not installed (apt-get install websockify)");
  }
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(
    "websockify",
    ["-v", `127.0.0.1:${port}`, `${target.host}:${target.port}`],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve();
      }, 3_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`websockify exited:\n${output}`);
    if (await isListening(port)) return { port, output: () => output, stop } as WebsockifyProxy;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`websockify did not listen on ${port}:\n${output}`);
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
