// GET /settings/account — who am I; change my own password
import type { Metadata } from "next";
import { cardClass } from "@/app/_ui/styles";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { userHasPassword } from "@/lib/users/manage-users";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requirePageUser();
  const hasPassword = await userHasPassword(await getDb(), user.id);
  return (
    <section className={cardClass} aria-labelledby="account-heading">
      <h2 id="account-heading" className="font-medium">
        {user.email}
      </h2>
      <p className="mb-4 text-sm text-zinc-600">Role: {user.role}</p>
      <PasswordForm hasPassword={hasPassword} />
    </section>
  );
}
