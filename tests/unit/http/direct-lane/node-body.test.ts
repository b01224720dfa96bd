// The direct lane's body source (lib/http/direct-lane/node-body.ts): Node's request stream read
// by the ingest's body reader, with the same caps and answers as a Web Request's body.
import { PassThrough } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { nodeBodySource } from "@/lib/http/direct-lane/node-body";
import { requestContext } from "@/lib/http/request-context";
import { readBodyText } from "@/lib/ingest/request/body";

const MiB = 1024 * 1024;

// The direct lane's way in: Node's request stream beside a body-less Request.
describe("bodies read straight from Node's stream", () => {
  const json = { format: "json", encoding: "identity" } as const;
  const nodeRequest = (stream: PassThrough, headers: Record<string, string> = {}) =>
    requestContext(
      new Request("http://localhost/api/v1/logs", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
      }),
      { body: nodeBodySource(stream), peerIp: undefined },
    );

  it("reads the whole body and decodes it", async () => {
    const stream = new PassThrough();
    const reading = readBodyText(nodeRequest(stream), json, MiB);
    stream.write(Buffer.from('{"message":"caf'));
    stream.end(Buffer.from([0xc3, 0xa9, 0x22, 0x7d])); // é"}
    expect(await reading).toBe('{"message":"café"}');
  });

  it("413 past the cap, then drains the rest instead of cutting the client off", async () => {
    const stream = new PassThrough();
    const reading = readBodyText(nodeRequest(stream), json, 100);
    stream.write(Buffer.alloc(64, 0x20));
    stream.write(Buffer.alloc(64, 0x20));
    await expect(reading).rejects.toMatchObject({ code: "payload_too_large" });
    stream.end(Buffer.alloc(1024, 0x20));
    await new Promise((resolve) => stream.once("end", resolve)); // read and dropped
    expect(stream.readableEnded).toBe(true);
  });

  it("a client gone mid-body is 400 invalid_json, never a hang", async () => {
    const stream = new PassThrough();
    const reading = readBodyText(nodeRequest(stream), json, MiB);
    stream.write(Buffer.from('{"message":'));
    stream.destroy();
    await expect(reading).rejects.toMatchObject({ code: "invalid_json" });
  });

  it("a client gone before the body was read is 400 invalid_json too", async () => {
    const stream = new PassThrough();
    stream.destroy();
    await expect(readBodyText(nodeRequest(stream), json, MiB)).rejects.toMatchObject({
      code: "invalid_json",
    });
  });

  it("gzip bodies from Node go through the web-stream pipeline, capped after inflating", async () => {
    const stream = new PassThrough();
    const reading = readBodyText(
      nodeRequest(stream, { "content-encoding": "gzip" }),
      {
        format: "json",
        encoding: "gzip",
      },
      1000,
    );
    stream.end(gzipSync(Buffer.alloc(10_000, 0x20)));
    await expect(reading).rejects.toMatchObject({ code: "payload_too_large" });
  });

  it("an unread body (a refused request) is drained", async () => {
    const stream = new PassThrough();
    nodeRequest(stream).body.discard();
    stream.end(Buffer.alloc(4096, 0x20));
    await new Promise((resolve) => stream.once("end", resolve));
  });
});
