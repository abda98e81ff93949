export { chooseArm, MIN_SAMPLE_PER_ARM, type ArmTally } from './thompson.js';
export { createRandomness, type Randomness } from './randomness.js';
export { newcombeDifference, wilson, Z95, type Interval } from './statistics.js';
export {
  DECISION_THRESHOLD,
  holdoutReport,
  POSTERIOR_DRAWS,
  probabilityBest,
  splitReport,
  type ArmReport,
  type ExperimentsReport,
  type GroupReport,
  type HoldoutReport,
  type SplitReport,
  type Tally,
} from './report.js';
