import { expect, test } from "@playwright/test";
import { startReceiver, verifyStandardWebhook } from "../../integration/alerts/receivers";
import { ownerSession } from "../auth/owner-session";

// The Alerts page end to end on `npm start`: an admin adds a webhook channel (its secret shown
// once) and a new-issue rule; an error sent to ingest and the "Send test" button reach a real
// receiver in this process through the server's alert timer, signed with that secret; the
// rule's delivery log shows them sent with the receiver's status. (The server runs with
// LOGWELL_ALERTS_ALLOW_PRIVATE_TARGETS=true: the receiver is on 127.0.0.1.)

test("an admin sets up a webhook alert; a new issue and a test message arrive signed", async ({
  browser,
  baseURL,
}) => {
  const receiver = await startReceiver(() => ({ status: 200, body: "thanks <b>bold</b>" }));
  try {
    const page = await browser.newPage({
      baseURL,
      storageState: await ownerSession(browser, baseURL),
    });
    await page.goto("/projects");
    const origin = new URL(page.url()).origin;
    const created = await page.request.post("/api/v1/projects", {
      data: { name: `Alerts ${Date.now()}` },
      headers: { origin },
    });
    expect(created.status()).toBe(201);
    const { project, ingest_key } = (await created.json()) as {
      project: { id: string };
      ingest_key: string;
    };

    await page.goto(`/projects/${project.id}/alerts`);
    const channels = page.getByRole("region", { name: "Channels" });
    await channels.getByLabel("Name").fill("receiver");
    await channels.getByLabel("URL").fill(receiver.url);
    await channels.getByRole("button", { name: "Add channel" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);

    const rules = page.getByRole("region", { name: "Alert rules" });
    await rules.getByLabel("Name").fill("new issues");
    await rules.getByRole("button", { name: "Add rule" }).click();
    await expect(rules.getByText("Rule added.")).toBeVisible();

    const sent = await page.request.post("/api/v1/logs", {
      data: { events: [{ level: "error", message: "TypeError: alert me" }] },
      headers: { "x-logwell-key": ingest_key },
    });
    expect(sent.status()).toBe(202);
    await rules.getByRole("button", { name: "Send test" }).click();

    await expect
      .poll(() => receiver.received.map((m) => m.json.type).sort(), { timeout: 20_000 })
      .toEqual(["issue.created", "test"]);
    for (const message of receiver.received) {
      expect(verifyStandardWebhook(secret, message)).toBe(true);
    }
    const issue = receiver.received.find((m) => m.json.type === "issue.created");
    expect((issue?.json.data as { issue: { title: string } } | undefined)?.issue.title).toBe(
      "TypeError: alert me",
    );

    await page.reload();
    const log = page.getByTestId("delivery-log");
    await expect(log.getByRole("row")).toHaveCount(3);
    await expect(log.getByText("sent")).toHaveCount(2);
    // The receiver's answer is text, never markup.
    await expect(log.getByText("200 thanks <b>bold</b>").first()).toBeVisible();
    await page.close();
  } finally {
    await receiver.close();
  }
});
