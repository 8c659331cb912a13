// The compiled form of every condition: a fast test, and an explanation for the trace that
// evaluates the same thing again while recording what it saw.
import type { EvalContext } from './eval-context.js';
import type { ConditionTrace } from './model.js';

export interface CompiledCondition {
  readonly test: (ctx: EvalContext) => boolean;
  readonly explain: (ctx: EvalContext) => ConditionTrace;
}
