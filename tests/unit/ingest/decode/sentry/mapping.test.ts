import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { UnparseableLine } from "@/lib/ingest/decode/native";
import { keyFromSentryAuth, keyInEnvelopeHeader, parseDsn } from "@/lib/ingest/decode/sentry/auth";
import { decodeEnvelope, decodeStoreBody } from "@/lib/ingest/decode/sentry/decode";
import { normalizeEvent } from "@/lib/ingest/normalize/normalize";

// Sentry event and log items → native events, read back after native normalisation (what is
// stored), per docs/api.md → Sentry.

const receivedAt = new Date("2026-03-01T12:00:00.000Z");
const options = { receivedAt, maxEvents: 1000 };

function envelope(headers: object, ...items: Array<[object, unknown]>): Uint8Array {
  const lines = [JSON.stringify(headers)];
  for (const [itemHeaders, payload] of items) {
    lines.push(JSON.stringify(itemHeaders), JSON.stringify(payload));
  }
  return Buffer.from(lines.join("\n"));
}

function stored(raw: unknown) {
  const result = normalizeEvent(raw, receivedAt);
  if (!result.ok) throw new Error(result.message);
  return result.event;
}

const eventId = "0123456789abcdef0123456789abcdef";

function oneEvent(event: object, headers: object = {}) {
  const decoded = decodeEnvelope(envelope(headers, [{ type: "event" }, event]), options);
  expect(decoded.events).toHaveLength(1);
  return stored(decoded.events[0]);
}

describe("Sentry event mapping", () => {
  it("an exception with a cause: message, stack innermost first with its cause, lean values", () => {
    const frame = (fn: string, line: number) => ({
      function: fn,
      filename: "app:///main.js",
      lineno: line,
      colno: 7,
      in_app: true,
      context_line: "throw new Error(secret)",
      pre_context: ["a"],
      post_context: ["b"],
      vars: { password: "hunter2" },
    });
    const event = oneEvent(
      {
        event_id: eventId,
        exception: {
          values: [
            { type: "TypeError", value: "inner", stacktrace: { frames: [frame("load", 1)] } },
            {
              type: "Error",
              value: "outer",
              stacktrace: { frames: [frame("main", 10), frame("run", 20)] },
            },
          ],
        },
        platform: "node",
        sdk: { name: "sentry.javascript.node", version: "11.12.0", packages: [{ name: "x" }] },
      },
      { event_id: eventId },
    );
    expect(event.clientId).toBe(eventId);
    expect(event.message).toBe("Error: outer");
    expect(event.level).toBe("error");
    expect(event.stack).toBe(
      [
        "Error: outer",
        "    at run (app:///main.js:20:7)",
        "    at main (app:///main.js:10:7)",
        "Caused by: TypeError: inner",
        "    at load (app:///main.js:1:7)",
      ].join("\n"),
    );
    expect(event.logger).toBe("sentry.javascript.node");
    const attributes = event.attributes as Record<string, unknown>;
    expect(attributes.sdk).toEqual({ name: "sentry.javascript.node", version: "11.12.0" });
    expect(attributes.platform).toBe("node");
    const values = attributes.exception as Array<{ stacktrace: { frames: object[] } }>;
    expect(values).toHaveLength(2);
    expect(values[1]?.stacktrace.frames[0]).toEqual({
      function: "main",
      filename: "app:///main.js",
      lineno: 10,
      colno: 7,
      in_app: true,
    });
    expect(JSON.stringify(attributes)).not.toContain("hunter2");
  });

  it("levels: fatal, error, warning → warn, info, log → info, debug; none is error", () => {
    const levels = ["fatal", "error", "warning", "info", "log", "debug", undefined];
    expect(levels.map((level) => oneEvent({ message: "m", level }).level)).toEqual([
      "fatal",
      "error",
      "warn",
      "info",
      "info",
      "debug",
      "error",
    ]);
  });

  it("message: exception title (value alone without a type), else logentry.formatted, else message", () => {
    expect(oneEvent({ exception: { values: [{ value: "just the value" }] } }).message).toBe(
      "just the value",
    );
    expect(oneEvent({ exception: [{ type: "OnlyType" }] }).message).toBe("OnlyType");
    expect(
      oneEvent({ logentry: { formatted: "formatted", message: "raw %s" }, message: "plain" })
        .message,
    ).toBe("formatted");
    expect(oneEvent({ message: "plain" }).message).toBe("plain");
    expect(oneEvent({ message: { formatted: "legacy" } }).message).toBe("legacy");
    expect(oneEvent({}).message).toBe("<unlabeled event>");
  });

  it("the other fields: timestamp, logger, url, release, environment, user, trace, user agent", () => {
    const event = oneEvent({
      timestamp: 1772366400.25,
      logger: "checkout",
      request: { url: "https://shop.test/cart", headers: { "User-Agent": "Mozilla/5.0 Test" } },
      release: "web@1.2.3",
      environment: "production",
      user: { id: 42, email: "a@b.c" },
      contexts: { trace: { trace_id: "4bf92f3577b34da6a3ce929d0e0e4736" }, os: { name: "iOS" } },
      tags: [["route", "/cart"]],
      extra: { cart_size: 3 },
      fingerprint: ["{{ default }}", "cart"],
    });
    expect(event).toMatchObject({
      timestamp: "2026-03-01T12:00:00.250Z",
      logger: "checkout",
      url: "https://shop.test/cart",
      release: "web@1.2.3",
      environment: "production",
      userId: "42",
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      clientUserAgent: "Mozilla/5.0 Test",
    });
    expect(event.attributes).toMatchObject({
      tags: { route: "/cart" },
      extra: { cart_size: 3 },
      contexts: { os: { name: "iOS" } },
      fingerprint: ["{{ default }}", "cart"],
    });
    expect(oneEvent({ message: "m", timestamp: "2026-03-01T11:00:00.5Z" }).timestamp).toBe(
      "2026-03-01T11:00:00.500Z",
    );
    // Python-style, no zone: UTC.
    expect(oneEvent({ message: "m", timestamp: "2026-03-01T11:00:00.123456" }).timestamp).toBe(
      "2026-03-01T11:00:00.123Z",
    );
  });

  it("a device clock off by hours is corrected by sent_at; a small difference is left alone", () => {
    const twoHoursAgo = "2026-03-01T10:00:00.000Z";
    const event = oneEvent(
      { message: "m", timestamp: "2026-03-01T09:59:00Z" },
      { sent_at: twoHoursAgo },
    );
    expect(event.timestamp).toBe("2026-03-01T11:59:00.000Z");
    const near = oneEvent(
      { message: "m", timestamp: "2026-03-01T11:29:00Z" },
      { sent_at: "2026-03-01T11:30:00Z" },
    );
    expect(near.timestamp).toBe("2026-03-01T11:29:00.000Z");
  });

  it("breadcrumbs: a list or the legacy {values}, the most recent kept when they must be cut", () => {
    const crumbs = Array.from({ length: 100 }, (_, i) => ({
      message: `crumb ${i} ${"x".repeat(300)}`,
      category: "ui.click",
    }));
    for (const breadcrumbs of [crumbs, { values: crumbs }]) {
      const attributes = oneEvent({ message: "m", breadcrumbs }).attributes as {
        breadcrumbs: Array<{ message: string }>;
      };
      const kept = attributes.breadcrumbs;
      expect(kept.length).toBeGreaterThan(10);
      expect(kept.length).toBeLessThan(100);
      expect(kept.at(-1)?.message).toMatch(/^crumb 99 /);
      expect(kept[0]?.message).toMatch(new RegExp(`^crumb ${100 - kept.length} `));
    }
  });

  it("the same event id from the envelope header when the event has none; the answer names it", () => {
    const decoded = decodeEnvelope(
      envelope({ event_id: "0123456789ABCDEF-0123456789abcdef" }, [
        { type: "event" },
        { message: "m" },
      ]),
      options,
    );
    expect(decoded.eventId).toBe(eventId);
    expect(stored(decoded.events[0]).clientId).toBe(eventId);
  });
});

describe("Sentry log items", () => {
  it("one event per log: body, level, seconds, trace id, plain attributes, release/environment", () => {
    const decoded = decodeEnvelope(
      envelope({ sdk: { name: "sentry.javascript.node" } }, [
        { type: "log", item_count: 2, content_type: "application/vnd.sentry.items.log+json" },
        {
          version: 2,
          items: [
            {
              timestamp: 1772366400.5,
              level: "warn",
              body: "disk almost full",
              trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
              severity_number: 13,
              attributes: {
                "sentry.release": { value: "api@2.0.0", type: "string" },
                "sentry.environment": { value: "staging", type: "string" },
                free_mb: { value: 12, type: "integer" },
                plain: "not wrapped",
              },
            },
            { timestamp: 1772366401, level: "fatal", body: "gone" },
          ],
        },
      ]),
      options,
    );
    expect(decoded.eventId).toBeUndefined();
    const [first, second] = decoded.events.map(stored);
    expect(first).toMatchObject({
      message: "disk almost full",
      level: "warn",
      timestamp: "2026-03-01T12:00:00.500Z",
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      release: "api@2.0.0",
      environment: "staging",
      attributes: { free_mb: 12, plain: "not wrapped", "sentry.release": "api@2.0.0" },
    });
    expect(second).toMatchObject({ message: "gone", level: "fatal" });
  });
});

describe("Sentry envelopes as a whole", () => {
  it("a malformed item is rejected alone; unknown and other types are skipped", () => {
    const body = Buffer.concat([
      Buffer.from(`{"event_id":"${eventId}"}\n`),
      Buffer.from('{"type":"event"}\nnot json\n'),
      Buffer.from('{"type":"log"}\n{"items":[{"body":"ok"},42]}\n'),
      Buffer.from('{"type":"session"}\n{"sid":"x","status":"ok"}\n'),
      Buffer.from('{"type":"client_report"}\n{"discarded_events":[]}\n'),
      Buffer.from('{"type":"attachment","length":3}\n\x00\x01\x02\n'),
      Buffer.from('{"type":"transaction"}\n{"type":"transaction"}\n'),
      Buffer.from('{"type":"future_thing"}\n{}\n'),
    ]);
    const { events } = decodeEnvelope(body, options);
    expect(events).toHaveLength(3);
    expect(events[0]).toBeInstanceOf(UnparseableLine);
    expect(stored(events[1]).message).toBe("ok");
    expect(events[2]).toBeInstanceOf(UnparseableLine);
  });

  it("more events than a request may hold is 413", () => {
    const items = Array.from({ length: 3 }, () => ({ body: "x" }));
    const body = envelope({}, [{ type: "log" }, { items }]);
    expect(decodeEnvelope(body, { receivedAt, maxEvents: 3 }).events).toHaveLength(3);
    expect(() => decodeEnvelope(body, { receivedAt, maxEvents: 2 })).toThrow(ApiError);
  });

  it("a store body is one bare event; anything else is 400", () => {
    const decoded = decodeStoreBody(
      Buffer.from(JSON.stringify({ event_id: eventId, message: "m" })),
    );
    expect(decoded.eventId).toBe(eventId);
    expect(stored(decoded.events[0]).message).toBe("m");
    expect(() => decodeStoreBody(Buffer.from("[1]"))).toThrow(ApiError);
    expect(() => decodeStoreBody(Buffer.from("{"))).toThrow(ApiError);
  });
});

describe("Sentry keys", () => {
  it("X-Sentry-Auth: sentry_key among other fields, spaces trimmed", () => {
    expect(keyFromSentryAuth("Sentry sentry_key=abc, sentry_version=7")).toBe("abc");
    expect(
      keyFromSentryAuth("Sentry sentry_version=7,sentry_client=x/1 ,  sentry_key = abc "),
    ).toBe("abc");
    expect(keyFromSentryAuth("sentry_key=abc")).toBe("abc");
    expect(keyFromSentryAuth("Sentry sentry_version=7")).toBeUndefined();
    expect(keyFromSentryAuth(null)).toBeUndefined();
  });

  it("a DSN's key and project number, with or without a path prefix", () => {
    expect(parseDsn("https://lw_pub_abc@logs.test/42")).toEqual({
      key: "lw_pub_abc",
      projectNumber: "42",
    });
    expect(parseDsn("https://lw_pub_abc:secret@logs.test/logwell/7")).toEqual({
      key: "lw_pub_abc",
      projectNumber: "7",
    });
    expect(parseDsn("not a url")).toBeUndefined();
  });

  it("the key of the envelope header's dsn", () => {
    const header = JSON.stringify({ dsn: "https://lw_pub_abc@logs.test/42" });
    expect(keyInEnvelopeHeader(Buffer.from(`${header}\n{"type":"event"}\n{}`))).toBe("lw_pub_abc");
    expect(keyInEnvelopeHeader(Buffer.from(header))).toBe("lw_pub_abc");
    expect(keyInEnvelopeHeader(Buffer.from('{"dsn":42}\n'))).toBeUndefined();
    expect(keyInEnvelopeHeader(Buffer.from("garbage"))).toBeUndefined();
  });
});
