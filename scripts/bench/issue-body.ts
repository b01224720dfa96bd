import { benchEvent, runPrefix } from "./events";

// Bodies of error events for the issue scenarios of `bench:ingest -- --issues` (issue 14 §5),
// and plain logs for `--events plain`: the benchmark's event (scripts/bench/events.ts), ~600 B,
// changed only in what grouping reads. Pre-serialised templates, as ingest-body.ts does.

/**
 * How many issues the "distinct" scenario's events spread over by default: issue 14 §5's "100
 * distinct issues", every batch of 100 holding each of them once. A larger pool (--issue-pool)
 * makes most issues of a batch different from the other batches' too.
 */
export const defaultIssuePool = 100;

export type EventKind = "standard" | "plain" | "storm" | "distinct";

/** The issue pool's n-th function name: letters only (grouping masks numbers). */
function issueName(n: number): string {
  let name = "";
  for (let v = n; name.length < 4; v = Math.floor(v / 26)) {
    name += String.fromCharCode(97 + (v % 26));
  }
  return name;
}

function template(kind: EventKind, variant: number, idMarker: string, nameMarker: string) {
  const event = benchEvent(idMarker, variant);
  if (kind === "plain") {
    // No stack and no error level: belongs to no issue. The stack's bytes stay as an attribute,
    // so the row is the size of the others.
    const { stack, ...rest } = event;
    return {
      ...rest,
      level: variant % 2 === 0 ? "info" : "warn",
      attributes: { ...rest.attributes, detail: stack },
    };
  }
  if (kind === "standard") return event;
  const stack =
    kind === "distinct" ? event.stack.replace("renderTotals", `render${nameMarker}`) : event.stack;
  return { ...event, level: "error", stack };
}

/**
 * `{"events":[...]}` bodies of `batchSize` events with run-unique ids. "storm": every event of
 * one issue; "distinct": the events walk through a pool of `issuePool` issues, so a batch no
 * larger than the pool has each event in its own issue; "plain": no event in any issue.
 */
export function eventBodies(
  kind: EventKind,
  batchSize: number,
  issuePool = defaultIssuePool,
): (seq: number) => Buffer {
  const id = "@@ID@@";
  const name = "@@NAME@@";
  const templates = [0, 1, 2].map((v) => JSON.stringify(template(kind, v, id, name)));
  const prefix = runPrefix();
  return (seq) => {
    const parts: string[] = [];
    for (let i = 0; i < batchSize; i++) {
      const text = templates[(seq + i) % 3] as string;
      const issue = issueName((seq * batchSize + i) % issuePool);
      parts.push(text.replace(id, `${prefix}-${kind}-${seq}-${i}`).replace(name, issue));
    }
    return Buffer.from(`{"events":[${parts.join(",")}]}`);
  };
}
