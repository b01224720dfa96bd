import { afterEach, describe, expect, test } from "vitest";
import { resetEnvCache } from "@/lib/env";
import {
  clientIp,
  ipBucket,
  lastForwardedIp,
  normalizeIp,
  truncateIp,
  unknownClientIp,
} from "@/lib/http/client-ip";
import { peerIpHeader, peerSignatureHeader, signPeerIp } from "@/lib/http/peer-signature.mjs";

const secret = "a".repeat(64);
const configKeys = ["VERCEL", "LOGWELL_TRUSTED_PROXY_HEADER", "LOGWELL_PEER_IP_SECRET"] as const;

function configure(config: Partial<Record<(typeof configKeys)[number], string>>) {
  for (const key of configKeys) {
    if (config[key] === undefined) delete process.env[key];
    else process.env[key] = config[key];
  }
  resetEnvCache();
}

function request(headers: Record<string, string>): Request {
  return new Request("http://127.0.0.1/api/v1/logs", { method: "POST", headers });
}

/** What scripts/server.mjs adds for a socket peer. */
function fromWrapper(ip: string, key = secret): Record<string, string> {
  return { [peerIpHeader]: ip, [peerSignatureHeader]: signPeerIp(ip, key) };
}

// Headers a client sends to choose its own bucket (threat RL-1, TC-18).
const spoofed = {
  "x-forwarded-for": "203.0.113.7",
  "x-real-ip": "203.0.113.8",
  forwarded: "for=203.0.113.9",
  "cf-connecting-ip": "203.0.113.10",
  "true-client-ip": "203.0.113.11",
};

afterEach(() => configure({}));

describe("clientIp (RL-1)", () => {
  test.each([
    [
      "Vercel: x-real-ip",
      { VERCEL: "1" },
      { "x-real-ip": "198.51.100.4", "x-forwarded-for": "1.1.1.1" },
      "198.51.100.4",
    ],
    [
      "trusted X-Forwarded-For: right-most entry",
      { LOGWELL_TRUSTED_PROXY_HEADER: "X-Forwarded-For" },
      { "x-forwarded-for": "6.6.6.6, 10.0.0.1, 198.51.100.5" },
      "198.51.100.5",
    ],
    [
      "trusted single-value header",
      { LOGWELL_TRUSTED_PROXY_HEADER: "cf-connecting-ip" },
      { "cf-connecting-ip": "2001:db8::1", "x-forwarded-for": "6.6.6.6" },
      "2001:db8::1",
    ],
    [
      "trusted Forwarded: last for=",
      { LOGWELL_TRUSTED_PROXY_HEADER: "forwarded" },
      { forwarded: 'for=6.6.6.6, for="[2001:db8::2]:4711";proto=https' },
      "2001:db8::2",
    ],
    [
      "trusted header absent: wrapper's socket address",
      { LOGWELL_TRUSTED_PROXY_HEADER: "cf-connecting-ip", LOGWELL_PEER_IP_SECRET: secret },
      fromWrapper("192.0.2.1"),
      "192.0.2.1",
    ],
    [
      "wrapper header, v4-mapped socket address",
      { LOGWELL_PEER_IP_SECRET: secret },
      { ...spoofed, ...fromWrapper("::ffff:192.0.2.2") },
      "192.0.2.2",
    ],
    ["spoofed headers, no wrapper, no trusted header", {}, spoofed, unknownClientIp],
    [
      "spoofed headers on Vercel without x-real-ip",
      { VERCEL: "1" },
      { "x-forwarded-for": "6.6.6.6" },
      unknownClientIp,
    ],
    [
      "forged wrapper header (wrong secret)",
      { LOGWELL_PEER_IP_SECRET: secret },
      fromWrapper("192.0.2.3", "b".repeat(64)),
      unknownClientIp,
    ],
    [
      "forged wrapper header (no signature)",
      { LOGWELL_PEER_IP_SECRET: secret },
      { [peerIpHeader]: "192.0.2.4" },
      unknownClientIp,
    ],
    [
      "wrapper header but this process has no secret (plain next start)",
      {},
      fromWrapper("192.0.2.5"),
      unknownClientIp,
    ],
    [
      "signature of another address",
      { LOGWELL_PEER_IP_SECRET: secret },
      { [peerIpHeader]: "192.0.2.6", [peerSignatureHeader]: signPeerIp("192.0.2.7", secret) },
      unknownClientIp,
    ],
    [
      "trusted header with garbage falls back to the socket",
      { LOGWELL_TRUSTED_PROXY_HEADER: "x-real-ip", LOGWELL_PEER_IP_SECRET: secret },
      { "x-real-ip": "not-an-ip", ...fromWrapper("192.0.2.8") },
      "192.0.2.8",
    ],
  ] as const)("%s", (_name, config, headers, expected) => {
    configure(config);
    expect(clientIp(request(headers))).toBe(expected);
  });

  test("a client cannot leave the shared bucket by varying forwarding headers", () => {
    configure({ LOGWELL_PEER_IP_SECRET: secret });
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const fake = `203.0.${i}.${i + 1}`;
      seen.add(
        clientIp(
          request({
            "x-forwarded-for": fake,
            "x-real-ip": fake,
            forwarded: `for=${fake}`,
            ...fromWrapper("192.0.2.50"),
          }),
        ),
      );
    }
    expect([...seen]).toEqual(["192.0.2.50"]);
  });

  test("the direct lane's socket address (RequestContext.peerIp): used as is, no signature needed, headers ignored", () => {
    configure({ LOGWELL_PEER_IP_SECRET: secret });
    const forged = { ...spoofed, [peerIpHeader]: "203.0.113.99", [peerSignatureHeader]: "0" };
    expect(clientIp(request(forged), "::ffff:192.0.2.60")).toBe("192.0.2.60");
    // Even without this process's secret (the lane never signs), and still behind a trusted
    // proxy's header or Vercel's, as the signed header was.
    configure({});
    expect(clientIp(request(spoofed), "2001:db8::1")).toBe("2001:db8::1");
    configure({ LOGWELL_TRUSTED_PROXY_HEADER: "x-real-ip" });
    expect(clientIp(request(spoofed), "192.0.2.61")).toBe("203.0.113.8");
    // A request the lane did not mark (Next's route) still needs the signed header.
    configure({ LOGWELL_PEER_IP_SECRET: secret });
    expect(clientIp(request(forged))).toBe(unknownClientIp);
  });
});

describe("TC-18 in Vercel header mode", () => {
  test("random X-Forwarded-For / Forwarded never move a caller out of its x-real-ip bucket", () => {
    configure({ VERCEL: "1" });
    const buckets = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const fake = `203.0.${i % 256}.${(i * 7) % 256}`;
      const ip = clientIp(
        request({
          "x-real-ip": "198.51.100.77",
          "x-forwarded-for": fake,
          forwarded: `for=${fake}`,
        }),
      );
      buckets.add(ipBucket(ip));
    }
    expect([...buckets]).toEqual(["198.51.100.77"]);
  });
});

describe("address helpers", () => {
  test.each([
    ["198.51.100.1", "198.51.100.1"],
    [" 198.51.100.1:8080 ", "198.51.100.1"],
    ["[2001:DB8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::ffff:10.1.2.3", "10.1.2.3"],
    ['"192.0.2.60"', "192.0.2.60"],
    ["unknown", undefined],
    ["999.1.1.1", undefined],
    ["", undefined],
  ])("normalizeIp(%j) = %j", (raw, expected) => {
    expect(normalizeIp(raw)).toBe(expected);
  });

  test("lastForwardedIp ignores everything but the last hop", () => {
    expect(lastForwardedIp("x-forwarded-for", "1.1.1.1,2.2.2.2 , 3.3.3.3")).toBe("3.3.3.3");
    expect(lastForwardedIp("x-forwarded-for", "3.3.3.3, garbage")).toBeUndefined();
    expect(lastForwardedIp("Forwarded", "for=1.1.1.1;by=x, by=y;for=4.4.4.4")).toBe("4.4.4.4");
    expect(lastForwardedIp("x-forwarded-for", null)).toBeUndefined();
  });

  test.each([
    ["203.0.113.9", "203.0.113.9"],
    ["2001:db8:aaaa:bbbb:1:2:3:4", "2001:db8:aaaa:bbbb::/64"],
    ["2001:db8:aaaa:bbbb::ffff", "2001:db8:aaaa:bbbb::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    [unknownClientIp, unknownClientIp],
  ])("ipBucket(%j) = %j (IPv6 by /64)", (ip, expected) => {
    expect(ipBucket(ip)).toBe(expected);
  });

  test("every address of one /64 shares a bucket; the next /64 does not", () => {
    const a = ipBucket("2001:db8:1:2:aaaa::1");
    expect(ipBucket("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe(a);
    expect(ipBucket("2001:db8:1:3::1")).not.toBe(a);
  });

  test.each([
    ["203.0.113.99", "203.0.113.0"],
    ["::ffff:203.0.113.99", "203.0.113.0"],
    ["2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd::"],
    ["2001:db8::1.2.3.4", "2001:db8:0::"],
    ["unknown", null],
  ])("truncateIp(%j) = %j (/24, /48)", (ip, expected) => {
    expect(truncateIp(ip)).toBe(expected);
  });
});
