// GET /projects/{id}/alerts — the project's alert channels, rules and each rule's delivery log
// (any member reads; admins add, remove, switch, test). Names, hosts and receivers' answers are
// shown as escaped text: an answer comes from a server an admin named, not from Logwell.
import type { Metadata } from "next";
import { Card } from "@/app/_ui/card";
import { EscapedText } from "@/app/_ui/escaped-text";
import { utcMinute } from "@/app/_ui/format";
import { dangerButtonClass, secondaryButtonClass } from "@/app/_ui/styles";
import { channelDto, listChannels, listDeliveries, listRules, ruleDto } from "@/lib/alerts/manage";
import { canManageProjects } from "@/lib/auth/access";
import { pageProject } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { NewChannelForm } from "./_components/new-channel-form";
import { NewRuleForm } from "./_components/new-rule-form";
import { deleteChannelAction, deleteRuleAction, sendTestAction, toggleRuleAction } from "./actions";

export const metadata: Metadata = { title: "Alerts" };

const cell = "px-2 py-1";
const triggerWords = { new_issue: "a new issue", regression: "a regression" } as const;

/** What an ingest_refused rule watches, in words. */
function refusalRuleWords(rule: { threshold: number; window_minutes: number; firing: boolean }) {
  return `When more than ${rule.threshold} events are refused or dropped within ${rule.window_minutes} min (now ${rule.firing ? "over: firing" : "under"}), and again when back under`;
}

export default async function ProjectAlertsPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { user, project } = await pageProject((await params).projectId);
  const admin = canManageProjects(user);
  const db = await getDb();
  const [channelRows, ruleRows] = await Promise.all([
    listChannels(db, project.id),
    listRules(db, project.id),
  ]);
  const channels = channelRows.map(channelDto);
  const rules = ruleRows.map(ruleDto);
  const logs = await Promise.all(rules.map((r) => listDeliveries(db, project.id, r.id, 20)));
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  return (
    <div className="space-y-6">
      <Card headingId="rules-heading" title="Alert rules" headingClassName="mb-3">
        {rules.length === 0 && <p className="text-sm text-zinc-600">No rules yet.</p>}
        <ul className="space-y-6">
          {rules.map((rule, i) => (
            <li key={rule.id} className="space-y-2" data-testid="alert-rule">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="mr-auto font-medium">
                  <EscapedText text={rule.name} />
                  {!rule.enabled && <span className="ml-2 text-xs text-zinc-500">(off)</span>}
                </h3>
                {admin && (
                  <>
                    <form action={sendTestAction.bind(null, project.id)}>
                      <input type="hidden" name="ruleId" value={rule.id} />
                      <button type="submit" className={secondaryButtonClass}>
                        Send test
                      </button>
                    </form>
                    <form action={toggleRuleAction.bind(null, project.id)}>
                      <input type="hidden" name="ruleId" value={rule.id} />
                      <input type="hidden" name="enabled" value={String(!rule.enabled)} />
                      <button type="submit" className={secondaryButtonClass}>
                        {rule.enabled ? "Turn off" : "Turn on"}
                      </button>
                    </form>
                    <form action={deleteRuleAction.bind(null, project.id)}>
                      <input type="hidden" name="ruleId" value={rule.id} />
                      <button type="submit" className={dangerButtonClass}>
                        Delete
                      </button>
                    </form>
                  </>
                )}
              </div>
              {rule.trigger === "ingest_refused" ? (
                <p className="text-sm text-zinc-600" data-testid="refusal-rule">
                  {refusalRuleWords(rule)}, to{" "}
                  <EscapedText text={channelName.get(rule.channel_id) ?? "?"} />.
                </p>
              ) : (
                <p className="text-sm text-zinc-600">
                  On {triggerWords[rule.trigger]} at level {rule.min_level} or higher
                  {rule.environment && (
                    <>
                      {" "}
                      in <EscapedText text={rule.environment} />
                    </>
                  )}
                  {rule.release && (
                    <>
                      {" "}
                      from release <EscapedText text={rule.release} />
                    </>
                  )}
                  , to <EscapedText text={channelName.get(rule.channel_id) ?? "?"} />; not again
                  about an issue for {rule.action_interval_minutes} min; at most{" "}
                  {rule.budget_per_window} messages per 10 minutes, then one summary.
                </p>
              )}
              <DeliveryLog deliveries={logs[i] ?? []} />
            </li>
          ))}
        </ul>
        {admin && channels.length > 0 && (
          <div className="mt-6 border-t border-zinc-200 pt-4">
            <NewRuleForm projectId={project.id} channels={channels} />
          </div>
        )}
      </Card>
      <Card headingId="channels-heading" title="Channels" headingClassName="mb-3">
        {channels.length === 0 && (
          <p className="text-sm text-zinc-600">
            No channels yet: add a webhook, a Slack URL or email.
          </p>
        )}
        <ul className="divide-y divide-zinc-200 text-sm">
          {channels.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-2 py-2">
              <span className="mr-auto">
                <EscapedText text={c.name} />{" "}
                <span className="text-zinc-500">
                  (
                  {c.host === null ? (
                    "email to members who opted in"
                  ) : (
                    <>
                      {c.kind === "slack" ? "Slack" : "webhook"}, <EscapedText text={c.host} />
                    </>
                  )}
                  )
                </span>
              </span>
              {admin && (
                <form action={deleteChannelAction.bind(null, project.id)}>
                  <input type="hidden" name="channelId" value={c.id} />
                  <button type="submit" className={dangerButtonClass}>
                    Delete (and its rules)
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {admin && (
          <div className="mt-4 border-t border-zinc-200 pt-4">
            <NewChannelForm projectId={project.id} />
          </div>
        )}
      </Card>
    </div>
  );
}

const stateWords = { pending: "pending", retrying: "retrying", sent: "sent", failed: "failed" };

function DeliveryLog({ deliveries }: { deliveries: Awaited<ReturnType<typeof listDeliveries>> }) {
  if (deliveries.length === 0) return <p className="text-sm text-zinc-500">Nothing sent yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="delivery-log">
        <thead className="text-left text-xs uppercase tracking-wide text-zinc-600">
          <tr>
            <th className={cell}>Recorded</th>
            <th className={cell}>Message</th>
            <th className={cell}>State</th>
            <th className={cell}>Attempts</th>
            <th className={cell}>Receiver's answer</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td className={`${cell} whitespace-nowrap`}>{utcMinute(d.createdAt)}</td>
              <td className={cell}>{d.kind.replace("_", " ")}</td>
              <td className={cell}>{stateWords[d.state]}</td>
              <td className={`${cell} tabular-nums`}>{d.attempts}</td>
              <td className={`${cell} break-all`}>
                {d.lastStatus !== null && <span className="tabular-nums">{d.lastStatus} </span>}
                {d.lastAnswer && <EscapedText text={d.lastAnswer.slice(0, 200)} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
