// GET /login — email/password sign-in (and invited OAuth accounts when configured)
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LogoMark } from "@/app/_ui/logo";
import { secondaryButtonClass } from "@/app/_ui/styles";
import { configuredOAuthProviders } from "@/lib/auth/oauth-providers";
import { safeRedirectTarget } from "@/lib/auth/redirect-target";
import { currentUser } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/bootstrap/first-owner-lock";
import { getDb } from "@/lib/db/client";
import { loginWithOAuth } from "./actions";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const oauthErrors: Record<string, string> = {
  AccessDenied: "That account has not been invited. Ask an owner to add your email.",
  Configuration: "Sign-in is misconfigured on this server.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string }>;
}) {
  const { next, error } = await searchParams;
  const target = safeRedirectTarget(next);
  if (await currentUser()) redirect(target);
  if (!(await hasAnyUser(await getDb()))) redirect("/setup");
  const providers = configuredOAuthProviders();
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <LogoMark className="mb-3 h-10 w-10" />
      <h1 className="mb-6 text-2xl font-semibold">Sign in to Logwell</h1>
      {error && (
        <p role="alert" className="mb-4 rounded border border-red-200 bg-red-50 p-3 text-sm">
          {oauthErrors[error] ?? "Sign-in failed. Try again."}
        </p>
      )}
      <LoginForm next={target} />
      {providers.length > 0 && (
        <div className="mt-6 space-y-2 border-t border-zinc-200 pt-6">
          {providers.map((p) => (
            <form key={p.id} action={loginWithOAuth}>
              <input type="hidden" name="provider" value={p.id} />
              <input type="hidden" name="next" value={target} />
              <button type="submit" className={`${secondaryButtonClass} w-full`}>
                Continue with {p.name}
              </button>
            </form>
          ))}
        </div>
      )}
    </main>
  );
}
