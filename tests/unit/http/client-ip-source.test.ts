// Where client addresses come from, as /api/health and the status page report it; and the
// "client IP unknown" warning, which `npm run dev` on localhost does not print (issue 17).
import { afterEach, describe, expect, test, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";

const keys = ["VERCEL", "LOGWELL_TRUSTED_PROXY_HEADER", "LOGWELL_PEER_IP_SECRET", "NODE_ENV"];
const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));

function configure(config: Record<string, string | undefined>) {
  for (const key of keys) {
    if (config[key] === undefined) delete process.env[key];
    else process.env[key] = config[key];
  }
  resetEnvCache();
}

// A fresh module each time: the warning is printed once per process.
async function freshClientIp() {
  vi.resetModules();
  const { logger } = await import("@/lib/log");
  const warn = vi.spyOn(logger, "warn");
  const module = await import("@/lib/http/client-ip");
  return { ...module, warn };
}

afterEach(() => {
  configure(saved);
  vi.restoreAllMocks();
});

describe("client IP source", () => {
  test.each([
    [{ VERCEL: "1" }, "vercel"],
    [{ LOGWELL_TRUSTED_PROXY_HEADER: "x-real-ip" }, "proxy_header"],
    [{ LOGWELL_PEER_IP_SECRET: "s".repeat(64) }, "socket"],
    [{}, "unknown"],
  ])("%j → %s", async (config, source) => {
    configure(config);
    expect((await freshClientIp()).clientIpSource()).toBe(source);
  });

  test("an unknown caller is counted; production warns once, development does not warn", async () => {
    configure({ NODE_ENV: "production" });
    const prod = await freshClientIp();
    const request = new Request("http://127.0.0.1/", { headers: { "x-forwarded-for": "1.2.3.4" } });
    expect(prod.clientIp(request)).toBe(prod.unknownClientIp);
    prod.clientIp(request);
    expect(prod.unknownClientIpRequests()).toBe(2);
    expect(prod.warn).toHaveBeenCalledTimes(1);

    configure({ NODE_ENV: "development" });
    const dev = await freshClientIp();
    expect(dev.clientIp(request)).toBe(dev.unknownClientIp);
    expect(dev.warn).not.toHaveBeenCalled();
  });
});
