import { Readable } from "node:stream";
import { BodyOverCap, type BodySource, discardBytes, discardMs } from "@/lib/http/body-source";

// The direct lane's body source: an identity body is read straight from Node's request
// stream, without the web-stream layer and its CPU per request (docs/performance.md); a gzip
// body goes through web streams like any other (lib/ingest/request/body.ts inflates it).

export function nodeBodySource(node: Readable): BodySource {
  let taken = false;
  const take = () => {
    const first = !taken;
    taken = true;
    return first;
  };
  return {
    readAll: (maxBytes) => (take() ? readNode(node, maxBytes) : Promise.resolve(new Uint8Array(0))),
    stream: () => (take() ? (Readable.toWeb(node) as ReadableStream<Uint8Array>) : null),
    discard: () => {
      if (take()) drainNode(node);
    },
  };
}

/** The whole stream, counted as it arrives: past maxBytes, BodyOverCap and the rest drained. */
function readNode(node: Readable, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = () => {
      node.off("data", onData);
      node.off("end", onEnd);
      node.off("error", onFailure);
      node.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      settle();
      drainNode(node);
      reject(new BodyOverCap());
    };
    const onEnd = () => {
      settle();
      resolve(Buffer.concat(chunks, total));
    };
    const onFailure = (err: unknown) => {
      settle();
      reject(err);
    };
    // The client went away before the end: no "end" will come.
    const onClose = () => onFailure(new Error("the request closed before its body ended"));
    // It may have gone while the key was being checked, before anyone listened.
    if (node.destroyed) {
      onFailure(node.errored ?? new Error("the request closed before its body was read"));
      return;
    }
    node.on("data", onData);
    node.once("end", onEnd);
    node.once("error", onFailure);
    node.once("close", onClose);
  });
}

/** Reads and drops at most discardBytes, for at most discardMs (lib/http/body-source.ts). */
function drainNode(node: Readable): void {
  let dropped = 0;
  const stop = () => {
    clearTimeout(timer);
    node.off("data", onData);
    node.destroy();
  };
  const onData = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > discardBytes) stop();
  };
  const timer = setTimeout(stop, discardMs);
  timer.unref?.();
  node.on("data", onData);
  node.once("end", () => clearTimeout(timer));
  node.once("close", () => clearTimeout(timer));
  node.resume();
}
