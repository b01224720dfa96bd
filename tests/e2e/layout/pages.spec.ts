import { type Browser, expect, type Page, test } from "@playwright/test";
import { useFreshServer } from "../auth/fresh-server";
import { ownerSession } from "../auth/owner-session";
import { createProjectViaApi, ingest, signedOut } from "../logs/helpers";
import { expectCleanLayout } from "./text-layout";

// Issue 17 item 3: every page from a phone to a wide screen, with the data that breaks layouts
// (long words, long URLs, long names, emoji, many attributes): no text over other text, none
// past the window edge, no sideways scroll.

const longWord = (seed: string, n: number) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
const hostileName = `${longWord("Storefront-payments-reconciliation-", 92)} 🚀🔥💳`;
const longUrl = `https://shop.example/${longWord("checkout/step/", 900)}?session=${longWord("abc123", 200)}`;

function hostileEvents() {
  const attributes: Record<string, unknown> = {};
  for (let i = 0; i < 40; i++) attributes[`attribute_${i}_${longWord("key", 30)}`] = `value-${i}`;
  attributes.nested = {
    deeper: { url: longUrl, word: longWord("x", 400), emoji: "🙂".repeat(80) },
  };
  return [
    ...Array.from({ length: 12 }, (_, i) => ({
      message: `order ${i} placed by customer with a reasonably long sentence that wraps on a phone`,
      level: ["info", "debug", "warn"][i % 3],
    })),
    { message: "🔥".repeat(200), level: "fatal", release: "🚀".repeat(40) },
    { message: longUrl, level: "warn", url: longUrl },
    { message: "odd level", level: "verbose", timestamp: "yesterday-ish" },
    {
      message: longWord("TypeError:Cannotreadpropertiesofundefined", 3000),
      level: "error",
      url: longUrl,
      environment: longWord("production-eu-west-", 120),
      release: longWord("2026.12.07-build-", 120),
      logger: longWord("com.example.checkout.", 120),
      session_id: longWord("sess-", 120),
      user_id: longWord("user-", 120),
      trace_id: longWord("0af7651916cd43dd8448eb211c80319c", 120),
      stack: `TypeError: ${longWord("boom", 500)}\n${Array.from({ length: 30 }, (_, i) => `    at fn${i} (${longUrl}:${i}:1)`).join("\n")}`,
      attributes,
    },
  ];
}

let owner: Page;
let projectId = "";
let eventId = "";
let issueId = "";
let invite = "";

test.beforeAll(async ({ browser, baseURL }) => {
  owner = await browser.newPage({ baseURL, storageState: await ownerSession(browser, baseURL) });
  const project = await createProjectViaApi(owner, hostileName);
  projectId = project.id;
  const origin = new URL(owner.url()).origin;
  const key = await owner.request.post(`/api/v1/projects/${projectId}/keys`, {
    data: { name: longWord("mobile-app-ios-production-", 100) },
    headers: { origin },
  });
  expect(key.status()).toBe(201);
  await ingest(owner.request, project.key, hostileEvents());
  const list = await owner.request.get(`/api/v1/logs?project=${projectId}&level=error`);
  const [errorEvent] = (await list.json()).logs;
  eventId = errorEvent.id;
  issueId = errorEvent.issue_id;

  await owner.goto("/settings/tokens");
  await owner.getByLabel("Name").fill(longWord("nightly-export-to-the-warehouse-", 99));
  await owner.getByRole("button", { name: "Create token" }).click();
  await expect(owner.getByRole("button", { name: "Copy token" })).toBeVisible();

  await owner.goto("/settings/users");
  await owner
    .getByLabel("Email")
    .fill(`${Date.now()}.${longWord("first.last", 60)}@${longWord("sub", 40)}.example.test`);
  await owner.getByRole("button", { name: "Invite" }).click();
  invite = (await owner.getByTestId("password-link").textContent()) ?? "";
  expect(invite).toMatch(/\/set-password\//);
});
test.afterAll(async () => {
  await owner?.close();
});

const signedIn: [string, () => string][] = [
  ["projects", () => "/projects"],
  ["explorer", () => `/projects/${projectId}/logs`],
  ["explorer filtered", () => `/projects/${projectId}/logs?level=error,fatal&q=o&range=7d`],
  ["event page", () => `/projects/${projectId}/logs/${eventId}`],
  ["issues", () => `/projects/${projectId}/issues?status=all`],
  ["issue page", () => `/projects/${projectId}/issues/${issueId}`],
  ["project settings", () => `/projects/${projectId}/settings`],
  ["account", () => "/settings/account"],
  ["users", () => "/settings/users"],
  ["tokens", () => "/settings/tokens"],
  ["status", () => "/status"],
];

for (const [name, path] of signedIn) {
  test(`${name} fits from 390 to 1920 px`, async () => {
    await owner.goto(path());
    await expectCleanLayout(owner, name);
  });
}

test("explorer with the phone's filters unfolded fits from 390 to 1920 px", async () => {
  await owner.setViewportSize({ width: 390, height: 900 });
  await owner.goto(`/projects/${projectId}/logs?level=error`);
  await owner.getByRole("button", { name: /^Filters/ }).click();
  await expect(owner.getByRole("textbox", { name: "Release" })).toBeVisible();
  await expectCleanLayout(owner, "explorer, filters unfolded");
});

async function signedOutPage(browser: Browser, baseURL: string | undefined) {
  return browser.newPage({ baseURL, storageState: signedOut });
}

test("login and set-password fit from 390 to 1920 px", async ({ browser, baseURL }) => {
  const page = await signedOutPage(browser, baseURL);
  await page.goto("/login");
  await expectCleanLayout(page, "login");
  await page.goto(new URL(invite).pathname);
  await expect(page.getByRole("button")).toBeVisible();
  await expectCleanLayout(page, "set-password");
  await page.close();
});

test.describe("first run", () => {
  const fresh = useFreshServer();

  test("setup fits from 390 to 1920 px", async ({ browser }) => {
    const page = await signedOutPage(browser, fresh().url);
    await page.goto(`${fresh().url}/setup`);
    await expectCleanLayout(page, "setup");
    await page.close();
  });
});
