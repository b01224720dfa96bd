// GET /settings/account — who am I; change my own password; my sessions, and signing them all out
import type { Metadata } from "next";
import { Card } from "@/app/_ui/card";
import { utcMinute } from "@/app/_ui/format";
import { dangerButtonClass, secondaryButtonClass } from "@/app/_ui/styles";
import { currentSessionId, requirePageUser } from "@/lib/auth/session";
import { listUserSessions, sessionIdleMs } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { alertEmailsOn } from "@/lib/users/alert-emails";
import { userHasPassword } from "@/lib/users/manage-users";
import { setAlertEmailsAction, signOutEverywhereAction } from "./actions";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requirePageUser();
  const db = await getDb();
  const [hasPassword, alertEmails, sessions, thisSession] = await Promise.all([
    userHasPassword(db, user.id),
    alertEmailsOn(db, user.id),
    listUserSessions(db, user.id),
    currentSessionId(),
  ]);
  return (
    <div className="space-y-6">
      <Card headingId="account-heading" title={user.email}>
        <p className="mb-4 text-sm text-zinc-600">Role: {user.role}</p>
        <PasswordForm hasPassword={hasPassword} />
      </Card>
      <Card headingId="alert-emails-heading" title="Alert emails" headingClassName="mb-1">
        <p className="mb-3 text-sm text-zinc-600">
          Email channels of the projects you see mail you their alerts (new issues, regressions,
          test messages) when this is on.
        </p>
        <form action={setAlertEmailsAction} className="flex items-center gap-3 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="alertEmails" defaultChecked={alertEmails} />
            Email me alerts
          </label>
          <button type="submit" className={secondaryButtonClass}>
            Save
          </button>
        </form>
      </Card>
      <Card headingId="sessions-heading" title="Sessions" headingClassName="mb-1">
        <p className="mb-3 text-sm text-zinc-600">
          Browsers signed in as you. A session ends after {sessionIdleMs / 86_400_000} days unused,
          when it signs out, or when your password changes.
        </p>
        <ul className="mb-4 divide-y divide-zinc-200" data-testid="session-list">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap gap-x-4 py-2 text-sm">
              <span>signed in {utcMinute(s.createdAt)}</span>
              <span className="text-zinc-500">last active {utcMinute(s.lastSeenAt)}</span>
              {s.id === thisSession && <span className="font-medium">this browser</span>}
            </li>
          ))}
        </ul>
        <form action={signOutEverywhereAction}>
          <button type="submit" className={dangerButtonClass}>
            Sign out of all devices
          </button>
        </form>
      </Card>
    </div>
  );
}
