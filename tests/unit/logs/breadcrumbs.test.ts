import { describe, expect, it } from "vitest";
import { breadcrumbTimeline, maxBreadcrumbs } from "@/lib/logs/breadcrumbs";

describe("breadcrumbTimeline", () => {
  it("reads the browser SDK's crumbs (time in milliseconds)", () => {
    const time = Date.UTC(2026, 11, 7, 20, 0, 1, 250);
    expect(
      breadcrumbTimeline({
        breadcrumbs: [{ time, category: "click", message: "BUTTON#buy Buy now" }],
      }),
    ).toEqual([
      {
        time: "2026-12-07T20:00:01.250Z",
        category: "click",
        message: "BUTTON#buy Buy now",
        level: null,
      },
    ]);
  });

  it("reads Sentry's crumbs: seconds or RFC 3339, levels, data without a message", () => {
    const entries = breadcrumbTimeline({
      breadcrumbs: {
        values: [
          { timestamp: 1796673601.5, category: "console", level: "warning", message: "low stock" },
          {
            timestamp: "2026-12-07T20:00:02.000Z",
            type: "http",
            category: "fetch",
            data: { method: "POST", url: "/api/cart", status_code: 500 },
            level: "error",
          },
          { timestamp: 1796673603, category: "navigation", data: { from: "/", to: "/cart" } },
        ],
      },
    });
    expect(entries).toEqual([
      {
        time: new Date(1796673601500).toISOString(),
        category: "console",
        message: "low stock",
        level: "warn",
      },
      {
        time: "2026-12-07T20:00:02.000Z",
        category: "fetch",
        message: "POST /api/cart → 500",
        level: "error",
      },
      {
        time: new Date(1796673603000).toISOString(),
        category: "navigation",
        message: "/ → /cart",
        level: null,
      },
    ]);
  });

  it("skips what is not a crumb and bounds what is", () => {
    const hostile = breadcrumbTimeline({
      breadcrumbs: [
        null,
        "text",
        42,
        [],
        {},
        { time: "not a time", message: "x".repeat(10_000) },
        { timestamp: 1e20, category: { nested: true }, message: "far future", level: "LOUD" },
        ...Array.from({ length: 500 }, (_, i) => ({ message: `m${i}` })),
      ],
    });
    expect(hostile).toHaveLength(maxBreadcrumbs);
    expect(hostile.at(-1)?.message).toBe("m499");
    const long = breadcrumbTimeline({
      breadcrumbs: [
        { time: "not a time", message: "x".repeat(10_000) },
        { timestamp: 1e20, category: { nested: true }, message: "far future", level: "LOUD" },
      ],
    });
    expect(long[0]).toMatchObject({ time: null, category: null });
    expect(long[0]?.message.length).toBeLessThanOrEqual(501);
    expect(long[1]).toEqual({ time: null, category: null, message: "far future", level: "loud" });
  });

  it("is empty without breadcrumbs", () => {
    expect(breadcrumbTimeline(null)).toEqual([]);
    expect(breadcrumbTimeline({ breadcrumbs: "no" })).toEqual([]);
    expect(breadcrumbTimeline({ breadcrumbs: { values: 3 } })).toEqual([]);
  });
});
