import http from "node:http";
import * as Sentry from "@sentry/node";

// The real @sentry/node client, one per DSN (a client and its scope, not the global init), with
// the SDK's own transport; `statuses` records each answer the transport saw, `requests` each
// HTTP request it actually made (a rate-limited SDK makes none).

export interface RealSentryClient {
  scope: Sentry.Scope;
  client: Sentry.NodeClient;
  statuses: number[];
  requests: string[];
  flush(): Promise<boolean>;
}

export function sentryClient(
  dsn: string,
  options: Partial<Sentry.NodeOptions> = {},
): RealSentryClient {
  const statuses: number[] = [];
  const requests: string[] = [];
  // The node:http module itself, counting what the transport sends through it.
  const httpModule = {
    request: (...args: Parameters<typeof http.request>) => {
      const [target] = args;
      requests.push(typeof target === "object" && "path" in target ? String(target.path) : "");
      return http.request(...args);
    },
  } as unknown as typeof http;
  type TransportOptions = Parameters<typeof Sentry.makeNodeTransport>[0];
  type ClientOptions = ConstructorParameters<typeof Sentry.NodeClient>[0];
  const clientOptions = {
    dsn,
    transport: (transportOptions: TransportOptions) => {
      const transport = Sentry.makeNodeTransport({ ...transportOptions, httpModule });
      return {
        ...transport,
        send: async (envelope: Parameters<typeof transport.send>[0]) => {
          const answer = await transport.send(envelope);
          if (answer.statusCode) statuses.push(answer.statusCode);
          return answer;
        },
      };
    },
    stackParser: Sentry.defaultStackParser,
    integrations: [Sentry.linkedErrorsIntegration()],
    enableLogs: true,
    release: "api@1.2.3",
    environment: "test",
    ...options,
  };
  // @sentry/node carries its own copy of @sentry/core, whose option types the other copy's
  // stack parser and integrations do not match nominally; at run time they are the same.
  const client = new Sentry.NodeClient(clientOptions as unknown as ClientOptions);
  const scope = new Sentry.Scope();
  scope.setClient(client);
  client.init();
  return { scope, client, statuses, requests, flush: async () => client.flush(5000) };
}
