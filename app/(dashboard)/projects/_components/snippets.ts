// Copy-paste examples for an ingest key.

export function browserSnippet(origin: string, key: string): string {
  return `<script src="${origin}/logwell.js" data-key="${key}" async></script>`;
}

export function curlExample(origin: string, key: string): string {
  return [
    `curl -X POST ${origin}/api/v1/logs \\`,
    `  -H "X-Logwell-Key: ${key}" \\`,
    `  -H "Content-Type: application/json" \\`,
    // A fixed id: sending the same command twice stores the event once (de-duplication).
    `  -d '{"level":"info","message":"hello from curl","id":"curl-example-1"}'`,
  ].join("\n");
}
