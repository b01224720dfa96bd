import { describe, expect, it } from "vitest";
import { isRefusedAddress, parseTargetUrl, RefusedTarget } from "@/lib/alerts/deliver/outbound";
import { signWebhook } from "@/lib/alerts/deliver/sign";

// The outbound bounds of alert channels (docs/alerts.md → Outbound requests) and the signature
// against the Standard Webhooks specification's published example.

describe("refused addresses", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd00:ec2::254",
    "fc00::5",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "64:ff9b::a9fe:a9fe",
    "ff02::1",
    "not an address",
  ])("%s is refused", (address) => {
    expect(isRefusedAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(isRefusedAddress(address)).toBe(false);
    },
  );
});

describe("target URLs", () => {
  it.each(["file:///etc/passwd", "gopher://x/", "https://user:pw@example.com/", "not a url"])(
    "%s is refused",
    (url) => {
      expect(() => parseTargetUrl(url)).toThrow(RefusedTarget);
    },
  );

  it("http and https are allowed", () => {
    expect(parseTargetUrl("https://hooks.slack.com/services/x").host).toBe("hooks.slack.com");
  });
});

describe("Standard Webhooks signature", () => {
  it("matches the specification's example", () => {
    // https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
    const body = '{"test": 2432232314}';
    expect(
      signWebhook(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        body,
      ),
    ).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });
});
