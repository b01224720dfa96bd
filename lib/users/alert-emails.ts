import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { users } from "@/lib/db/schema";

// A user's alert-email preference (account page): when on, the email channels of every project
// the user sees mail them (lib/alerts/deliver/email.ts).

export async function alertEmailsOn(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ on: users.alertEmails }).from(users).where(eq(users.id, userId));
  return row?.on ?? false;
}

export async function setAlertEmails(db: Db, userId: string, on: boolean): Promise<void> {
  await db.update(users).set({ alertEmails: on }).where(eq(users.id, userId));
}
