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

export type DeliveryFacts =
  | { kind: "new_issue" | "regression"; issue: IssueFacts }
  | { kind: "summary"; count: number; samples: string[]; windowStart: string }
  | { kind: "test" };
