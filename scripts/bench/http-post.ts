import http from "node:http";

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A keep-alive agent: one TCP connection per concurrent sender, reused across requests. */
export function keepAliveAgent(connections: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
}

/**
 * One HTTP request over node:http (fetch/undici costs more CPU per request, and this process
 * shares two cores with the server it measures). Rejects on network errors and on timeout.
 */
export function sendRequest(
  agent: http.Agent,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  timeoutMs: number,
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        agent,
        method,
        headers: body ? { ...headers, "content-length": String(body.length) } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`request timed out after ${timeoutMs} ms`)),
    );
    req.on("error", reject);
    req.end(body);
  });
}
