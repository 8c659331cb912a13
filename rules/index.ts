// Public surface of the rules engine: compile a validated config once, then triage work items.
export type * from './model.js';
export type * from './rules-config.js';
export { compileRules, type CompileOptions, type Engine } from './compile-rules.js';
export { normalizeText } from './normalize-text.js';
export { estimateBasis } from './messages.js';
export { isAdvisoryWithoutProposal, sendsProposal } from './sends-proposal.js';
export type { HourEstimator, EstimatorGroup } from './hour-estimator.js';
