// GET /set-password/{token} — a one-time link from an owner: accept an invite or finish a reset
import type { Metadata } from "next";
import { TitledText } from "@/app/_ui/titled-text";
import { getDb } from "@/lib/db/client";
import { findPasswordLink } from "@/lib/users/password-links";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Choose a password", referrer: "no-referrer" };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await findPasswordLink(await getDb(), token);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      {link ? (
        <>
          <TitledText
            look="page"
            title={link.purpose === "invite" ? "Join Logwell" : "Choose a new password"}
            className="mb-6 break-all"
          >
            {link.purpose === "invite"
              ? `You were invited as ${link.email}. Choose a password to sign in.`
              : `For ${link.email}. Your old password and sessions no longer work.`}
          </TitledText>
          <SetPasswordForm token={token} askName={link.purpose === "invite" && !link.name} />
        </>
      ) : (
        <TitledText look="page" title="This link no longer works">
          It has expired or was already used. Ask an owner of this Logwell for a new one, or{" "}
          <a href="/login" className="underline">
            sign in
          </a>
          .
        </TitledText>
      )}
    </main>
  );
}
