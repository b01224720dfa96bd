// GET /settings — the account page is the default settings tab
import { redirect } from "next/navigation";

export default function SettingsIndex() {
  redirect("/settings/account");
}
