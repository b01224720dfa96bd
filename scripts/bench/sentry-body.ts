import { benchEvent, runPrefix } from "./events";

// Sentry envelopes for the ingest benchmark: one event each, the benchmark's event as the
// browser SDK would send it (an exception with its frames, the request's URL and user agent,
// tags, extra, sdk, trace context), with a unique event_id. Serialised once with a fixed-width
// placeholder id; each request copies the template and writes its id in place (twice: the
// envelope header and the event), so the load generator spends its CPU sending.

const placeholder = "#".repeat(32);

function sentryEvent(seq: number, frameLines?: string[]) {
  const e = benchEvent(placeholder, seq);
  const [title = "", ...benchFrames] = e.stack.split("\n");
  const frames = frameLines ? [...frameLines] : benchFrames;
  const type = title.split(":")[0];
  return {
    event_id: placeholder,
    timestamp: Date.now() / 1000,
    platform: "javascript",
    level: e.level,
    release: e.release,
    environment: e.environment,
    exception: {
      values: [
        {
          type,
          value: e.message.slice(type ? type.length + 2 : 0),
          // Sentry lists frames caller first; the native stack reads innermost first.
          stacktrace: {
            frames: frames.reverse().map((line) => {
              const [, fn, file, lineno, colno] = /at (\S+) \((.+):(\d+):(\d+)\)/.exec(line) ?? [];
              return { function: fn, filename: file, lineno: Number(lineno), colno: Number(colno) };
            }),
          },
          mechanism: { type: "onerror", handled: false },
        },
      ],
    },
    request: {
      url: e.url,
      headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0.0.0 Safari/537.36" },
    },
    tags: { route: e.attributes.route, build: e.attributes.build },
    extra: { cartItems: e.attributes.cartItems, retried: e.attributes.retried },
    contexts: { trace: { trace_id: "4bf92f3577b34da6a3ce929d0e0e4736" } },
    sdk: { name: "sentry.javascript.browser", version: "11.19.0" },
  };
}

/** Envelopes of the bench event; `frames` (V8 frame lines, innermost first) replace its stack. */
export function sentryEnvelopes(frames?: string[]): (seq: number) => Buffer {
  const header = { event_id: placeholder, sent_at: new Date().toISOString() };
  const templates = [0, 1, 2].map((v) =>
    Buffer.from(
      `${JSON.stringify(header)}\n{"type":"event"}\n${JSON.stringify(sentryEvent(v, frames))}\n`,
    ),
  );
  const offsets = templates.map((t) => [t.indexOf(placeholder), t.lastIndexOf(placeholder)]);
  const prefix = runPrefix();
  return (seq) => {
    const body = Buffer.from(templates[seq % 3] ?? Buffer.alloc(0));
    const id = `${prefix}${seq.toString(16).padStart(24, "0")}`;
    for (const at of offsets[seq % 3] ?? []) body.write(id, at, "latin1");
    return body;
  };
}
