import { expect, test } from "@playwright/test";
import { useFreshServer } from "./fresh-server";

// Issue 17 item 4 on the first-run form: a wrong setup token keeps email and name, clears the
// token and the password (secrets are never sent back), and says so beside the token field.
test.describe("first-run setup keeps what was typed", () => {
  const fresh = useFreshServer();

  test("a wrong token keeps email and name", async ({ page }) => {
    await page.goto(`${fresh().url}/setup`);
    const token = page.getByLabel("Setup token");
    await token.fill("lw_setup_wrongwrongwrongwrongwrongwrong");
    await page.getByLabel("Your email").fill("first@owner.test");
    await page.getByLabel("Name (optional)").fill("Ada Lovelace");
    await page.getByLabel("Password (at least 10 characters)").fill("first-owner-pass");
    await page.getByRole("button", { name: "Create owner account" }).click();

    await expect(page.getByText(/setup token is wrong/)).toBeVisible();
    await expect(page.getByLabel("Your email")).toHaveValue("first@owner.test");
    await expect(page.getByLabel("Name (optional)")).toHaveValue("Ada Lovelace");
    await expect(token).toHaveAttribute("aria-invalid", "true");
    await expect(token).toHaveAccessibleDescription(/setup token is wrong/);
    await expect(token).toHaveValue("");
    await expect(page.getByLabel("Password (at least 10 characters)")).toHaveValue("");
  });
});
