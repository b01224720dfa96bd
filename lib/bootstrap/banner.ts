// Plain lines on stdout (not JSON logs): what a person starting the server must read and copy.
// Only the public ingest key and the one-time setup token are ever printed, never a password.
export function printBanner(title: string, lines: string[]): void {
  const rule = "─".repeat(72);
  process.stdout.write(
    `\n${rule}\n  Logwell: ${title}\n\n${lines.map((l) => `  ${l}`).join("\n")}\n${rule}\n\n`,
  );
}

export function curlExample(baseUrl: string, ingestKey: string): string[] {
  return [
    `curl -X POST ${baseUrl}/api/v1/logs \\`,
    "  -H 'Content-Type: application/json' \\",
    `  -H 'X-Logwell-Key: ${ingestKey}' \\`,
    `  -d '{"message":"Hello from curl","level":"info"}'`,
  ];
}
