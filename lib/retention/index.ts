// Retention: what the cron route, the server's timer, the CLI and the settings page call.
export { readLastPrune } from "./last-run";
export { effectiveRetentionDays, retentionCutoff } from "./policy";
export { type PrunePreview, previewPrune } from "./preview";
export { type PruneOptions, type PruneResult, prune } from "./prune";
