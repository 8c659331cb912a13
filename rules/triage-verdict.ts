// The verdict `triage` returns. Its facts and kind are found when first read (see EvalContext):
// most callers want only the outcome, and accessors on every verdict object cost a triage a third
// of its time, so they live on the prototype. A spread (`{ ...verdict }`) copies own fields only:
// name `facts` and `kind` explicitly, as JSON does through `toJSON`.
import type { EvalContext } from './eval-context.js';
import type {
  Category, ContractSummary, FactValue, KindVerdict, Localized, MissingItem, NotAsked, Outcome, ProposalDraft, Status, Trace, Verdict,
} from './model.js';

/** Everything but what is found on first read. */
export type VerdictFields = Omit<Verdict, 'facts' | 'kind'>;

export class TriageVerdict implements Verdict {
  readonly outcome: Outcome;
  readonly category: Category;
  readonly status: Status;
  readonly missing: readonly MissingItem[];
  readonly rule: string | null;
  readonly reasons: readonly Localized[];
  readonly contract: ContractSummary | null;
  readonly proposal: ProposalDraft | null;
  readonly notAsked: readonly NotAsked[];
  readonly trace: Trace;
  readonly #ctx: EvalContext;
  readonly #readAttachments: boolean;

  constructor(fields: VerdictFields, ctx: EvalContext) {
    this.outcome = fields.outcome;
    this.category = fields.category;
    this.status = fields.status;
    this.missing = fields.missing;
    this.rule = fields.rule;
    this.reasons = fields.reasons;
    this.contract = fields.contract;
    this.proposal = fields.proposal;
    this.notAsked = fields.notAsked;
    this.trace = fields.trace;
    this.#ctx = ctx;
    // Taken now: reading the facts later must not count as deciding.
    this.#readAttachments = ctx.attachmentsRead;
  }

  get readAttachments(): boolean {
    return this.#readAttachments;
  }

  get facts(): Readonly<Record<string, FactValue>> {
    return this.#ctx.allFacts();
  }

  /** One fact, found if it was not yet: cheaper than `facts`, which finds every built-in one. */
  fact(name: string): FactValue | undefined {
    return this.#ctx.fact(name);
  }

  /**
   * The description without quoted replies, signatures and disclaimers, as the engine read it (read
   * now if no condition did): the text the kind model scores, without reading the mail again.
   */
  ownText(): string {
    return this.#ctx.body();
  }

  get kind(): KindVerdict {
    return this.#ctx.kind;
  }

  /** The whole verdict as plain data, facts and kind included. */
  toJSON(): Verdict {
    return { ...this, facts: this.facts, kind: this.kind };
  }
}
