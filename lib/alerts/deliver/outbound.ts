import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";

// Outbound requests to URLs an admin typed (webhook and Slack channels): SSRF bounds
// (docs/alerts.md → Outbound requests). The host is resolved here, every address it resolves to
// is checked, and the connection goes to the address that was checked (a second resolution
// could answer otherwise: DNS rebinding). Redirects are never followed, answers are read up to
// a few hundred bytes, and the whole exchange has a deadline.

export class RefusedTarget extends Error {}

const refused = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  refused.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64 can reach any IPv4 address
  ["fc00::", 7], // unique local (AWS metadata fd00:ec2::254)
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  refused.addSubnet(net, prefix, "ipv6");
}

export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return refused.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return refused.check(mapped[1], "ipv4");
  if (/^::ffff:/i.test(address)) return true;
  return refused.check(address, "ipv6");
}

/** A URL an admin may save: http(s), a host, no credentials. Throws RefusedTarget. */
export function parseTargetUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RefusedTarget("The URL is not valid.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new RefusedTarget("Only http and https URLs are allowed.");
  }
  if (url.username || url.password) throw new RefusedTarget("The URL must not carry credentials.");
  return url;
}

/** The address to connect to, after checking every address the host resolves to. */
export async function resolveTarget(
  url: URL,
  allowPrivate: boolean,
): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await lookup(host, { all: true, verbatim: true }).catch(() => {
        throw new RefusedTarget("The host name does not resolve.");
      });
  if (addresses.length === 0) throw new RefusedTarget("The host name does not resolve.");
  if (!allowPrivate) {
    for (const a of addresses) {
      if (isRefusedAddress(a.address)) {
        throw new RefusedTarget(
          "The host resolves to a private, loopback, link-local or metadata address.",
        );
      }
    }
  }
  const first = addresses[0] as { address: string; family: number };
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

export interface OutboundAnswer {
  status: number;
  /** Retry-After in seconds when the receiver sent one. */
  retryAfterSeconds: number | null;
  /** The start of the answer's body (text, at most `snippetBytes`). */
  snippet: string;
}

const snippetBytes = 300;

/** POSTs `body` to `url` (checked by resolveTarget), never following redirects. */
export async function postOutbound(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<OutboundAnswer> {
  const target = await resolveTarget(url, options.allowPrivate);
  const client = url.protocol === "https:" ? https : http;
  return new Promise<OutboundAnswer>((resolve, reject) => {
    const request = client.request(url, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
        "user-agent": "Logwell-Alerts/1",
      },
      // Connect to the address that was checked, whatever a new resolution would say.
      lookup: (_host, opts, callback) => {
        const cb = callback as (...args: unknown[]) => void;
        if ((opts as { all?: boolean }).all) cb(null, [target]);
        else cb(null, target.address, target.family);
      },
      agent: false,
    });
    const deadline = setTimeout(
      () => request.destroy(new Error(`timed out after ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on("error", (err) => {
      clearTimeout(deadline);
      reject(err);
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        clearTimeout(deadline);
        const retryAfter = Number(response.headers["retry-after"]);
        resolve({
          status: response.statusCode ?? 0,
          retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null,
          snippet: Buffer.concat(chunks).toString("utf8").slice(0, snippetBytes),
        });
        response.destroy();
      };
      response.on("data", (chunk: Buffer) => {
        if (size < snippetBytes) chunks.push(chunk);
        size += chunk.length;
        if (size >= snippetBytes) finish();
      });
      response.on("end", finish);
      response.on("error", finish);
    });
    request.end(body);
  });
}
