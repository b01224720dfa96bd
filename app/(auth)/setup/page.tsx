// GET /setup — first run only: claim the owner account with the setup token from the server log
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { TitledText } from "@/app/_ui/titled-text";
import { hasAnyUser } from "@/lib/bootstrap/first-owner-lock";
import { issueSetupToken, setupTokenFilledIn } from "@/lib/bootstrap/setup-token";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage() {
  // Rendered per request: at build time there is no database to ask (and it must not be opened).
  await connection();
  // Once any user exists this page is gone; claimFirstOwner enforces the same under races.
  const db = await getDb();
  if (await hasAnyUser(db)) redirect("/login");
  const filledIn = setupTokenFilledIn(env()) ? await issueSetupToken(db) : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <TitledText look="page" title="Set up Logwell" className="mb-6">
        {filledIn
          ? "Create the first owner. This development server only listens on this computer, so the setup token is filled in for you."
          : "Create the first owner. You need the setup token printed in the server log, so only whoever runs the server can claim it."}
      </TitledText>
      <SetupForm filledInToken={filledIn} />
    </main>
  );
}
