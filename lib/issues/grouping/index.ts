// Grouping: a stored event → the key of its issue (docs/issues.md → Grouping).
export {
  type Grouping,
  type GroupingInput,
  groupEvent,
  groupingVersion,
  isIssueMember,
} from "./group";
export { type FrameMapping, frameLocation, type OriginalName } from "./original-frames";
export { parameterize } from "./parameterize";
