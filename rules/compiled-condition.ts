// The compiled form of every condition: a fast test, and an explanation for the trace that
// evaluates the same thing again while recording what it saw.
import type { EvalContext } from './eval-context.js';
import type { ConditionTrace } from './model.js';

export interface CompiledCondition {
  readonly test: (ctx: EvalContext) => boolean;
  /**
   * Three-valued: undefined when the answer depends on what is not known, that is a fact in
   * `ctx.unknown` (missing, the customer could still give it), a contract state among several
   * `ctx.possibleStates` allows, or a kind the text does not settle.
   */
  readonly maybe: (ctx: EvalContext) => boolean | undefined;
  readonly explain: (ctx: EvalContext) => ConditionTrace;
}
