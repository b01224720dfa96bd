import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { batchBody, byteLength, type Item, takeBatch } from "@/sdk/src/batch";
import { scrubSecrets } from "@/sdk/src/scrub";

const item = (id: string, message = ""): Item => [id, JSON.stringify({ id, message })];

describe("SDK batches", () => {
  it("take at most the count and the bytes asked for", () => {
    const items = Array.from({ length: 10 }, (_, i) => item(`e${i}`, "x".repeat(1000)));
    expect(takeBatch(items, 4, 1_000_000)).toHaveLength(4);
    const byBytes = takeBatch(items, 50, 3_100);
    expect(byBytes).toHaveLength(3);
    expect(byteLength(batchBody(byBytes))).toBeLessThanOrEqual(3_100);
  });

  it("measure bytes, not characters", () => {
    const emoji = [item("a", "😀".repeat(500)), item("b", "😀".repeat(500))];
    // 500 emoji = 1000 UTF-16 units but 2000 bytes each.
    expect(takeBatch(emoji, 50, 3_000)).toHaveLength(1);
  });

  it("let an oversized event go alone instead of blocking the queue", () => {
    const items = [item("big", "x".repeat(100_000)), item("small")];
    expect(takeBatch(items, 50, 60_000).map((i) => i[0])).toEqual(["big"]);
  });

  it("form a JSON array body", () => {
    expect(JSON.parse(batchBody([item("a"), item("b")]))).toEqual([
      { id: "a", message: "" },
      { id: "b", message: "" },
    ]);
  });
});

describe("SDK scrubbing of URL secrets (TC-31)", () => {
  it("redacts token, password and key parameters in queries and fragments", () => {
    const event = {
      url: "https://app.example/cb?code=1&access_token=abc.def&page=2#id_token=xyz",
      message: "GET /api?apiKey=s3cr3t&user=7 failed; login?password=hunter2",
      attributes: { link: "https://x.example/?Session=q1&sig=zz&q=keep" },
    };
    const scrubbed = JSON.parse(scrubSecrets(JSON.stringify(event)));
    expect(scrubbed.url).toBe(
      "https://app.example/cb?code=1&access_token=[redacted]&page=2#id_token=[redacted]",
    );
    expect(scrubbed.message).toBe(
      "GET /api?apiKey=[redacted]&user=7 failed; login?password=[redacted]",
    );
    expect(scrubbed.attributes.link).toBe(
      "https://x.example/?Session=[redacted]&sig=[redacted]&q=keep",
    );
  });

  it("leaves text without secret parameters untouched", () => {
    const json = JSON.stringify({ message: "a & b = c", url: "https://x/?page=2&sort=asc" });
    expect(scrubSecrets(json)).toBe(json);
  });

  test.prop([fc.jsonValue(), fc.string()], { numRuns: 2000 })(
    "keeps every JSON document valid",
    (value, text) => {
      const json = JSON.stringify({ value, text: `?token=${text}&${text}=1` });
      expect(() => JSON.parse(scrubSecrets(json))).not.toThrow();
    },
  );
});
