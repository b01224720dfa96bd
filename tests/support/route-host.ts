import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { Database } from "@/lib/db/open";

// Route handlers served over real HTTP from inside a test, for clients that must talk HTTP
// (sentry-cli) without a production build: the handlers run as Next runs them (a Request in, a
// Response out, params as a promise) against the test's database, which getDb() returns.

type Handler = (request: Request, segment: { params: Promise<never> }) => Promise<Response>;

export interface HostedRoute {
  /** Matched against the path; its named groups are the route's params. */
  path: RegExp;
  methods: Partial<Record<string, Handler>>;
}

export interface RouteHost {
  url: string;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", base), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
}

/** Serves `routes` on loopback with `database` as the process's database. */
export async function hostRoutes(database: Database, routes: HostedRoute[]): Promise<RouteHost> {
  (globalThis as { __logwellDb?: Promise<Database> }).__logwellDb = Promise.resolve(database);
  const server = createServer(async (req, res) => {
    const base = `http://${req.headers.host ?? "127.0.0.1"}`;
    const path = new URL(req.url ?? "/", base).pathname;
    const route = routes.find((r) => r.path.test(path));
    const handler = route?.methods[req.method ?? "GET"];
    if (!route || !handler) {
      res.writeHead(404).end();
      return;
    }
    const params = { ...route.path.exec(path)?.groups } as never;
    const response = await handler(toRequest(req, base), { params: Promise.resolve(params) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (globalThis as { __logwellDb?: unknown }).__logwellDb = undefined;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
