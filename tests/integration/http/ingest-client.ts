import { request as httpRequest } from "node:http";

/** A raw HTTP exchange: lets a test lie in Content-Length or stream a chunked body. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Bytes of the body this client had written when the response arrived. */
  bytesWritten: number;
}

export async function rawPost(
  url: string,
  options: {
    headers: Record<string, string>;
    /** Body chunks, written one by one (chunked unless a content-length header is given). */
    chunks: Buffer[];
  },
): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    let bytesWritten = 0;
    let answered = false;
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: "POST",
        headers: options.headers,
        // A fresh connection each time: a request whose body was never finished must not lend
        // its socket to the next test.
        agent: false,
      },
      (res) => {
        answered = true;
        const writtenWhenAnswered = bytesWritten;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => {
          req.destroy();
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            bytesWritten: writtenWhenAnswered,
          });
        });
      },
    );
    // The server may answer (413) and close before the body is written: that is the point.
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    const writeNext = (index: number) => {
      if (answered || index >= options.chunks.length) {
        if (!answered) req.end();
        return;
      }
      const chunk = options.chunks[index] as Buffer;
      bytesWritten += chunk.length;
      req.write(chunk, () => setImmediate(() => writeNext(index + 1)));
    };
    writeNext(0);
  });
}
