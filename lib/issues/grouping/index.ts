// Grouping: a stored event → the key of its issue (docs/issues.md → Grouping).
export {
  type Grouping,
  type GroupingInput,
  groupEvent,
  groupingVersion,
  isIssueMember,
} from "./group";
export { parameterize } from "./parameterize";
