// Copy-paste examples for an ingest key.

export function browserSnippet(origin: string, key: string): string {
  return `<script src="${origin}/logwell.js" data-key="${key}" async></script>`;
}

/** Where a key goes when the page shows no real one. */
export const keyPlaceholder = "<your lw_pub_ key>";

/** A curl command posting `body` (JSON text) to the ingest API with `key`. */
export function curlCommand(origin: string, key: string, body: string): string {
  return [
    `curl -X POST ${origin}/api/v1/logs \\`,
    `  -H "X-Logwell-Key: ${key}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${body}'`,
  ].join("\n");
}

export function curlExample(origin: string, key: string): string {
  // A fixed id: sending the same command twice stores the event once (de-duplication).
  return curlCommand(
    origin,
    key,
    '{"level":"info","message":"hello from curl","id":"curl-example-1"}',
  );
}

/** Sentry SDK set-ups for a DSN, one per platform (docs/clients.md has the details). */
export function sentrySnippets(dsn: string): { title: string; text: string }[] {
  return [
    {
      title: "Browser (@sentry/browser)",
      text: `import * as Sentry from "@sentry/browser";\nSentry.init({ dsn: "${dsn}", enableLogs: true });`,
    },
    {
      title: "Node (@sentry/node)",
      text: `const Sentry = require("@sentry/node");\nSentry.init({ dsn: "${dsn}", enableLogs: true });`,
    },
    {
      title: "React Native",
      text: `import * as Sentry from "@sentry/react-native";\nSentry.init({ dsn: "${dsn}" });`,
    },
    {
      title: "iOS (Swift)",
      text: `SentrySDK.start { options in\n  options.dsn = "${dsn}"\n}`,
    },
    {
      title: "Android (AndroidManifest.xml)",
      text: `<meta-data android:name="io.sentry.dsn" android:value="${dsn}" />`,
    },
    {
      title: "Flutter",
      text: `await SentryFlutter.init(\n  (options) => options.dsn = '${dsn}',\n  appRunner: () => runApp(MyApp()),\n);`,
    },
    { title: "Python", text: `import sentry_sdk\nsentry_sdk.init(dsn="${dsn}")` },
  ];
}
