import { createHash } from "node:crypto";
import { createClient } from "redis";
import { logger } from "@/lib/log";

/**
 * The two calls @upstash/ratelimit 2.2.0 makes for a single-region sliding window without
 * analytics, deny lists or dynamic limits (`safeEval` in its source): `evalsha`, then `eval`
 * when the error mentions NOSCRIPT. Anything else it might call is absent on purpose.
 */
export interface EvalRedis {
  evalsha(sha: string, keys: string[], args: unknown[]): Promise<unknown>;
  eval(script: string, keys: string[], args: unknown[]): Promise<unknown>;
  ping(): Promise<string>;
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/**
 * Upstash's scripts start with `#!lua flags=allow-key-locking`, a shebang flag Redis 7 rejects
 * ("Unexpected flag in script shebang"): drop that line and run the plain Lua body.
 */
export function stripShebang(script: string): string {
  return script.startsWith("#!") ? script.slice(script.indexOf("\n") + 1) : script;
}

/**
 * A client dialling in the background: commands fail at once until it is ready (no offline
 * queue) instead of piling up behind a dead server, and time out after `timeoutMs`.
 */
function dial(url: string, timeoutMs: number) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    disableClientInfo: true,
    commandOptions: { timeout: timeoutMs },
    socket: {
      connectTimeout: Math.max(timeoutMs, 1000),
      // Keep redialling, at most every 2 s, so a recovered Redis is noticed.
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000),
    },
  });
  let reported = false;
  client.on("error", (err: unknown) => {
    // node-redis emits one error per failed redial; one warning per outage is enough.
    if (!reported) logger.warn({ err }, "rate limiter: redis connection error");
    reported = true;
  });
  client.on("ready", () => {
    reported = false;
  });
  client.connect().catch(() => {
    // Reported through the "error" event.
  });
  return client;
}

type Client = ReturnType<typeof dial>;

/** Lets any Redis (node-redis over TCP) serve @upstash/ratelimit. */
export class NodeRedisAdapter implements EvalRedis {
  private client: Client | undefined;
  /** Upstash's hash of the original script → sha of the stripped script Redis knows. */
  private readonly loaded = new Map<string, string>();

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async evalsha(sha: string, keys: string[], args: unknown[]): Promise<unknown> {
    const strippedSha = this.loaded.get(sha);
    // Unknown here yet: answer like Redis would, so the caller sends the script with `eval`.
    if (!strippedSha) throw new Error("NOSCRIPT No matching script (adapter)");
    return (await this.connected()).evalSha(strippedSha, { keys, arguments: args.map(String) });
  }

  async eval(script: string, keys: string[], args: unknown[]): Promise<unknown> {
    const body = stripShebang(script);
    const result = await (await this.connected()).eval(body, { keys, arguments: args.map(String) });
    this.loaded.set(sha1(script), sha1(body));
    return result;
  }

  async ping(): Promise<string> {
    return (await this.connected()).ping();
  }

  /** Drops a connection that stopped answering; the next call dials again. */
  reset(): void {
    const client = this.client;
    this.client = undefined;
    if (client?.isOpen) client.destroy();
  }

  async close(): Promise<void> {
    this.reset();
  }

  /**
   * The client, waiting at most `timeoutMs` for it to become ready (a fresh process dials on
   * its first check); if it is still not ready, the command then fails at once.
   */
  private async connected(): Promise<Client> {
    this.client ??= dial(this.url, this.timeoutMs);
    const client = this.client;
    if (!client.isReady) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          client.off("ready", done);
          resolve();
        };
        const timer = setTimeout(done, this.timeoutMs);
        client.once("ready", done);
      });
    }
    return client;
  }
}
