// What an alert message says about its issue, captured when the message is recorded (the issue
// may change or be pruned before it is delivered). Stored as alert_deliveries.facts.

export interface IssueFacts {
  id: string;
  title: string;
  culprit: string | null;
  level: string;
  events: number;
  users: number;
  release: string | null;
  environment: string | null;
  firstSeen: string;
  lastSeen: string;
}

/** A change of an ingest_refused rule's state (refusals.ts): over its threshold, or back under. */
export interface RefusalFacts {
  kind: "ingest_refused" | "ingest_recovered";
  /** Refused and client-dropped events in the window when it changed. */
  events: number;
  threshold: number;
  windowMinutes: number;
  /** The window's outcomes (lib/db/schema/ingest-outcomes.ts), most events first. */
  outcomes: { outcome: string; events: number }[];
  /** A refused value of the first outcome (an origin, a content type): client-sent text. */
  example: string | null;
}

export type DeliveryFacts =
  | RefusalFacts
  | { kind: "new_issue" | "regression"; issue: IssueFacts }
  | { kind: "summary"; count: number; samples: string[]; windowStart: string }
  | { kind: "test" };
