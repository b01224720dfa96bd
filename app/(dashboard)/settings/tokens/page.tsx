// GET /settings/tokens — admin API tokens (lw_sec_…) for scripts: create (shown once), revoke
import type { Metadata } from "next";
import { Card } from "@/app/_ui/card";
import { ConfirmForm } from "@/app/_ui/confirm-submit";
import { utcMinute } from "@/app/_ui/format";
import { requireRole } from "@/lib/auth/access";
import { listAdminTokens } from "@/lib/auth/admin-tokens";
import { orPageError } from "@/lib/auth/page-guard";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { revokeTokenAction } from "./actions";
import { NewTokenForm } from "./new-token-form";

export const metadata: Metadata = { title: "API tokens" };

/** Who made a token; a dashboard token whose creator was removed no longer works. */
function creatorLabel(t: { createdVia: "dashboard" | "cli"; creatorEmail: string | null }) {
  if (t.createdVia === "cli") return "created with the CLI";
  return t.creatorEmail ? `created by ${t.creatorEmail}` : "creator removed";
}

export default async function TokensPage() {
  const user = await requirePageUser();
  await orPageError(async () => requireRole(user, "admin"));
  const tokens = await listAdminTokens(await getDb());
  return (
    <div className="space-y-6">
      <Card headingId="tokens-heading" title="API tokens" headingClassName="mb-1">
        <p className="mb-4 text-sm text-zinc-600">
          Send as <code>Authorization: Bearer lw_sec_…</code> to the read and manage API. A token
          made here works only while the admin who made it stays an admin: removing them, or making
          them a viewer, revokes it.
        </p>
        {tokens.length === 0 && <p className="text-sm text-zinc-600">No tokens yet.</p>}
        <ul className="divide-y divide-zinc-200">
          {tokens.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-3 text-sm">
              <code className="font-mono">{t.prefix}…</code>
              <span className="font-medium">{t.name}</span>
              <span className="text-zinc-500">{t.role}</span>
              <span className="text-zinc-500" data-testid="token-creator">
                {creatorLabel(t)}
              </span>
              <span className="text-zinc-500">created {utcMinute(t.createdAt)}</span>
              <span className="text-zinc-500">last used {utcMinute(t.lastUsedAt)}</span>
              {t.revokedAt ? (
                <span className="rounded bg-zinc-200 px-2 py-0.5 text-xs">revoked</span>
              ) : (
                <ConfirmForm
                  action={revokeTokenAction}
                  className="ml-auto"
                  field="tokenId"
                  value={t.id}
                  small
                  label="Revoke"
                  confirmLabel="Yes, revoke"
                  consequence="Scripts using this token get 401 from now on."
                />
              )}
            </li>
          ))}
        </ul>
      </Card>
      <Card headingId="new-token-heading" title="New token" headingClassName="mb-4">
        <NewTokenForm />
      </Card>
    </div>
  );
}
