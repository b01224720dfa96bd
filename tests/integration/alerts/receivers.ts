import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// Real HTTP receivers for the alert tests, in the test process: a Standard Webhooks endpoint
// that verifies each signature as a receiver would (from the spec, not from lib/alerts), and a
// Slack-shaped incoming webhook.

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

type Answer = (
  req: Received,
  count: number,
) => { status: number; headers?: Record<string, string>; body?: string };

export async function startReceiver(answer: Answer, port = 0): Promise<Receiver> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const r: Received = { headers: req.headers, body, json: JSON.parse(body) };
      received.push(r);
      const a = answer(r, received.length);
      res.writeHead(a.status, a.headers);
      res.end(a.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/hook`,
    port: actual,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Verifies a Standard Webhooks signature the way the spec tells receivers to. */
export function verifyStandardWebhook(
  secret: string,
  r: Received,
  toleranceSeconds = 300,
): boolean {
  const id = r.headers["webhook-id"];
  const timestamp = r.headers["webhook-timestamp"];
  const signatures = r.headers["webhook-signature"];
  if (typeof id !== "string" || typeof timestamp !== "string" || typeof signatures !== "string") {
    return false;
  }
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const key = Buffer.from(secret.split("_")[1] ?? "", "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${r.body}`).digest();
  return signatures.split(" ").some((s) => {
    const [version, sig] = s.split(",");
    if (version !== "v1" || !sig) return false;
    const given = Buffer.from(sig, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
