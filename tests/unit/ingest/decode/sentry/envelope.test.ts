import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { parseEnvelope } from "@/lib/ingest/decode/sentry/envelope";

// The framing cases of Relay's own envelope tests (relay-server/src/envelope), plus the ways a
// body can break it.

const bytes = (...parts: Array<string | Uint8Array>) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));
const header = '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc","dsn":"https://k@sentry.io/42"}';
const text = (payload: Uint8Array) => Buffer.from(payload).toString("utf8");

function refusal(body: Uint8Array, maxItems = 100): { status: number; message: string } {
  try {
    parseEnvelope(body, maxItems);
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, message: err.message };
    throw err;
  }
  throw new Error("parsed");
}

describe("Sentry envelope framing", () => {
  it("reads a header alone, with or without its newline", () => {
    for (const body of [bytes(header), bytes(header, "\n")]) {
      const envelope = parseEnvelope(body, 100);
      expect(envelope.headers.event_id).toBe("9ec79c33ec9942ab8353589fcb2e04dc");
      expect(envelope.items).toEqual([]);
    }
  });

  it("reads empty payloads with a length, with or without the final newline", () => {
    for (const end of ["\n", ""]) {
      const body = bytes(
        header,
        '\n{"type":"attachment","length":0}\n\n{"type":"attachment","length":0}',
        end,
      );
      const { items } = parseEnvelope(body, 100);
      expect(items.map((i) => [i.type, i.payload.length])).toEqual([
        ["attachment", 0],
        ["attachment", 0],
      ]);
    }
  });

  it("without a length, a payload runs to the next newline or the end", () => {
    for (const end of ["\n", ""]) {
      const { items } = parseEnvelope(
        bytes(header, '\n{"type":"attachment"}\nhelloworld', end),
        100,
      );
      expect(items.map((i) => text(i.payload))).toEqual(["helloworld"]);
    }
    const { items } = parseEnvelope(bytes(header, '\n{"type":"attachment"}'), 100);
    expect(items.map((i) => i.payload.length)).toEqual([0]);
  });

  it("a length counts bytes: binary and multi-byte payloads hold newlines and stay whole", () => {
    const binary = new Uint8Array([0xef, 0xbb, 0xbf, 0x48, 0x0a, 0x00, 0xff, 0x0d, 0x0a, 0x7b]);
    const event = '{"message":"héllo 😀\\n","level":"error"}';
    const body = bytes(
      header,
      `\n{"type":"attachment","length":${binary.length},"filename":"a.bin"}\n`,
      binary,
      `\n{"type":"event","length":${Buffer.byteLength(event)}}\n`,
      event,
      "\n",
    );
    const { items } = parseEnvelope(body, 100);
    expect(items.map((i) => i.type)).toEqual(["attachment", "event"]);
    expect(Buffer.from(items[0]?.payload ?? []).equals(Buffer.from(binary))).toBe(true);
    expect(JSON.parse(text(items[1]?.payload ?? new Uint8Array()))).toEqual({
      message: "héllo 😀\n",
      level: "error",
    });
  });

  it("keeps unknown item types and items without a type for the caller to skip", () => {
    const body = bytes(header, '\n{"type":"hologram"}\n{}\n{"length":2}\nxy\n');
    expect(parseEnvelope(body, 100).items.map((i) => i.type)).toEqual(["hologram", ""]);
  });

  it("refuses framing it cannot follow with 400", () => {
    expect(refusal(bytes(""))).toMatchObject({ status: 400 });
    expect(refusal(bytes("not json\n{}"))).toMatchObject({ status: 400 });
    expect(refusal(bytes("[1]\n"))).toMatchObject({ status: 400 });
    expect(refusal(bytes(header, "\nnot a header\n"))).toMatchObject({ status: 400 });
    expect(refusal(bytes(header, '\n{"type":"event","length":50}\n{}'))).toMatchObject({
      status: 400,
      message: expect.stringContaining("shorter than its length"),
    });
    expect(refusal(bytes(header, '\n{"type":"event","length":1}\n{}\n'))).toMatchObject({
      status: 400,
      message: expect.stringContaining("longer than its length"),
    });
    for (const length of ["-1", "1.5", '"2"', "1e300"]) {
      expect(refusal(bytes(header, `\n{"type":"event","length":${length}}\n{}\n`))).toMatchObject({
        status: 400,
      });
    }
  });

  it("counts items before reading payloads: over the cap is 413", () => {
    const body = bytes(header, '\n{"type":"attachment","length":0}\n'.repeat(4));
    expect(parseEnvelope(body, 4).items).toHaveLength(4);
    expect(refusal(body, 3)).toMatchObject({ status: 413 });
  });
});
