// The verdict's trace, computed on first read. Building the condition tree costs far more than
// deciding, and most verdicts are never explained, so `triage` records only what it already knows
// (config hash, facts, deciding rule) and the rest (contract in words, every rule's condition
// tree) comes from evaluating the same item again with tracing on. Evaluation is pure and
// deterministic, so the result is exactly the trace of the evaluation that produced the verdict.
//
// `contract` and `rules` are getters on the prototype, memoised; `toJSON` gives the whole trace,
// so JSON.stringify (logs, HTTP responses) always carries it. Copying with structuredClone or
// comparing with toEqual sees only configHash, facts and decidedBy: read the fields, or
// JSON-serialise, when the whole trace is wanted.
import type { FactValue, RuleTrace, Trace, WorkItem } from './model.js';

export interface TraceDetail {
  readonly contract: string;
  readonly rules: readonly RuleTrace[];
}

export class LazyTrace implements Trace {
  readonly #item: WorkItem;
  readonly #explain: (item: WorkItem) => TraceDetail;
  #detail: TraceDetail | undefined;

  readonly #facts: { allFacts(): Readonly<Record<string, FactValue>> };

  constructor(
    readonly configHash: string,
    facts: { allFacts(): Readonly<Record<string, FactValue>> },
    readonly decidedBy: string | null,
    item: WorkItem,
    explain: (item: WorkItem) => TraceDetail,
  ) {
    this.#item = item;
    this.#explain = explain;
    this.#facts = facts;
  }

  /** Every fact, the built-ins found on first read (see EvalContext). */
  get facts(): Readonly<Record<string, FactValue>> {
    return this.#facts.allFacts();
  }

  #full(): TraceDetail {
    return (this.#detail ??= this.#explain(this.#item));
  }

  get contract(): string {
    return this.#full().contract;
  }

  get rules(): readonly RuleTrace[] {
    return this.#full().rules;
  }

  toJSON(): Trace {
    return { configHash: this.configHash, facts: this.facts, contract: this.contract, rules: this.rules, decidedBy: this.decidedBy };
  }
}
