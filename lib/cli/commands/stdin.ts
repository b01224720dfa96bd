/** The first line of stdin: `--password-stdin` keeps the password out of `ps` and shell history. */
export async function readPasswordFromStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes("\n") || text.length > 1024) break;
  }
  return text.split(/\r?\n/)[0] ?? "";
}
