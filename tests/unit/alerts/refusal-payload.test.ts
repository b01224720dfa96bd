// The refusal alert's message (issue 16 §1, §2): the webhook's data.ingest and the Slack text
// say how many events were refused or dropped, by reason, and what to do about the first; the
// refused origin is client-sent text, so Slack gets it only as plain_text.
import { describe, expect, it } from "vitest";
import { type MessageContext, slackBody, webhookBody } from "@/lib/alerts/deliver/payload";
import type { RefusalFacts } from "@/lib/alerts/facts";

const facts: RefusalFacts = {
  kind: "ingest_refused",
  events: 240,
  threshold: 100,
  windowMinutes: 10,
  outcomes: [
    { outcome: "origin_not_allowed", events: 200 },
    { outcome: "rate_limited_ip", events: 40 },
  ],
  example: "https://app.example <@channel>",
};

const context = (f: RefusalFacts): MessageContext => ({
  id: "msg_1",
  facts: f,
  project: { id: "p1", name: "Shop" },
  rule: { id: "r1", name: "refusals" },
  publicUrl: "https://logs.example",
  createdAt: new Date("2026-12-08T00:00:00Z"),
});

describe("refusal alert payloads", () => {
  it("webhook: ingest.refused with the counts, reasons, example and the Health page", () => {
    const body = JSON.parse(webhookBody(context(facts)));
    expect(body.type).toBe("ingest.refused");
    expect(body.data.ingest).toEqual({
      events: 240,
      threshold: 100,
      window_minutes: 10,
      outcomes: facts.outcomes,
      example: "https://app.example <@channel>",
      url: "https://logs.example/projects/p1/health",
    });
    expect(body.data).not.toHaveProperty("issue");
    const recovered = JSON.parse(webhookBody(context({ ...facts, kind: "ingest_recovered" })));
    expect(recovered.type).toBe("ingest.recovered");
  });

  it("Slack: the count, the reasons in words and what to do, all plain_text", () => {
    const body = JSON.parse(slackBody(context(facts)));
    expect(body.text).toBe("240 events refused or dropped in Shop");
    const texts = body.blocks
      .filter((b: { type: string }) => b.type === "section")
      .map((b: { text: { type: string; text: string } }) => b.text);
    expect(texts.every((t: { type: string }) => t.type === "plain_text")).toBe(true);
    expect(texts.map((t: { text: string }) => t.text)).toEqual([
      "240 refused or dropped in the last 10 min (alert above 100).",
      "Origin not allowed: 200 · Rate limited (per address): 40",
      "Add https://app.example <@channel> to the project's allowed origins (Settings), if that page is yours.",
    ]);
    const recovered = JSON.parse(slackBody(context({ ...facts, kind: "ingest_recovered" })));
    expect(recovered.text).toBe("Ingest recovered in Shop");
  });
});
