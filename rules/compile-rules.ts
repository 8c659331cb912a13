// Compiles a RulesConfig into an Engine: facts → contract → completeness → coverage, all closures
// prepared once. `triage` evaluates fast without building a trace; the verdict's `trace` is a
// LazyTrace that evaluates the same item again with tracing on when it is read (see lazy-trace.ts;
// the item must not be mutated in between, which WorkItem's readonly type already forbids).
import { compileCondition } from './compile-condition.js';
import type { CompiledCondition } from './compiled-condition.js';
import { compileContracts } from './compile-contracts.js';
import { compileFacts } from './compile-facts.js';
import { catalogueFacts } from './catalogue-facts.js';
import { withNamedConditions } from './compile-named-conditions.js';
import { type CompileEnv, EvalContext } from './eval-context.js';
import { NO_RULE_DECIDED } from './messages.js';
import type { Category, Localized, MissingItem, Outcome, ProposalDraft, RuleTrace, Status, Verdict, WorkItem } from './model.js';
import { LazyTrace, type TraceDetail } from './lazy-trace.js';
import { parseInstant } from './parse-instant.js';
import { createPhraseIndex } from './phrase-index.js';
import type { CoverageRule, RulesConfig } from './rules-config.js';

export interface Engine {
  readonly configHash: string;
  /** Pure and synchronous: the same item and config always give the same verdict. */
  triage(item: WorkItem): Verdict;
}

interface CompiledCompleteness {
  readonly id: string;
  readonly when: CompiledCondition | undefined;
  readonly require: CompiledCondition;
  readonly missing: MissingItem;
}

interface CompiledCoverage {
  readonly def: CoverageRule;
  readonly when: CompiledCondition;
  readonly reasons: readonly Localized[];
}

const NONE: readonly never[] = Object.freeze([]);
const NO_RULE_REASONS: readonly Localized[] = Object.freeze([NO_RULE_DECIDED]);

function roundToCents(amount: number): number {
  // The small nudge keeps products like 2.5 × 135.33 (338.324999… in binary) rounding half up.
  return Math.round(amount * 100 + 1e-6) / 100;
}

export function compileRules(config: RulesConfig, options: { readonly configHash: string }): Engine {
  const { configHash } = options;
  const phrases = createPhraseIndex();
  const facts = catalogueFacts(config.facts, config.products);
  const env: CompileEnv = withNamedConditions(config.conditions, { declared: new Set(Object.keys(facts.defs)), phrases });
  const resolveFacts = compileFacts(facts.defs, env, facts.scoped);
  const noRuleReasons = config.review === undefined ? NO_RULE_REASONS : Object.freeze([config.review.reason]);
  const resolveContract = compileContracts(config.contracts);
  const completeness: CompiledCompleteness[] = config.completeness.map((r) => ({
    id: r.id,
    when: r.when === undefined ? undefined : compileCondition(r.when, env, `completeness rule "${r.id}" (when)`),
    require: compileCondition(r.require, env, `completeness rule "${r.id}" (require)`),
    missing: { id: r.id, text: r.missing },
  }));
  const coverage: CompiledCoverage[] = config.coverage.map((r) => ({
    def: r,
    when: compileCondition(r.when, env, `coverage rule "${r.id}"`),
    reasons: Object.freeze([r.reason]),
  }));
  const { defaults } = config;

  function prepare(item: WorkItem, notes: string[] | null): EvalContext {
    const createdMs = parseInstant(item.createdAt);
    if (Number.isNaN(createdMs)) throw new Error(`work item ${item.id}: createdAt ${JSON.stringify(item.createdAt)} is not an ISO 8601 instant`);
    const ctx = new EvalContext(item, phrases);
    ctx.facts = resolveFacts(ctx);
    resolveContract(ctx, createdMs, notes);
    return ctx;
  }

  /** Evaluates the rules in order, returning the deciding rule; traced when `rules` is given. */
  function decide(ctx: EvalContext, rules: RuleTrace[] | null): { missing: MissingItem[]; firstMissing: string | null; covering: CompiledCoverage | null } {
    let missing: MissingItem[] | null = null;
    let firstMissing: string | null = null;
    for (const r of completeness) {
      let applies: boolean;
      let holds: boolean;
      if (rules === null) {
        applies = r.when === undefined || r.when.test(ctx);
        holds = !applies || r.require.test(ctx);
      } else {
        const whenTrace = r.when?.explain(ctx);
        const requireTrace = r.require.explain(ctx);
        applies = whenTrace === undefined || whenTrace.passed;
        holds = !applies || requireTrace.passed;
        rules.push({
          phase: 'completeness', ruleId: r.id, passed: holds, decided: !holds && firstMissing === null,
          condition: {
            kind: 'completeness', passed: holds,
            describe: whenTrace === undefined ? 'requires' : 'when the first condition holds, requires the second',
            children: whenTrace === undefined ? [requireTrace] : [whenTrace, requireTrace],
          },
        });
      }
      if (!holds) {
        (missing ??= []).push(r.missing);
        firstMissing ??= r.id;
      }
    }
    if (missing !== null) return { missing, firstMissing, covering: null };
    for (const r of coverage) {
      let passed: boolean;
      if (rules === null) passed = r.when.test(ctx);
      else {
        const condition = r.when.explain(ctx);
        passed = condition.passed;
        rules.push({ phase: 'coverage', ruleId: r.def.id, passed, decided: passed, condition });
      }
      if (passed) return { missing: [], firstMissing: null, covering: r };
    }
    return { missing: [], firstMissing: null, covering: null };
  }

  function explain(item: WorkItem): TraceDetail {
    const notes: string[] = [];
    const rules: RuleTrace[] = [];
    decide(prepare(item, notes), rules);
    return { contract: notes.join('; '), rules };
  }

  function proposal(rule: CoverageRule, ctx: EvalContext): ProposalDraft {
    const contract = ctx.contract?.def;
    const hours = rule.estimateHours ?? contract?.estimateHours ?? defaults.estimateHours;
    const hourlyRate = contract?.hourlyRate ?? defaults.hourlyRate;
    return { hours, hourlyRate, currency: contract?.currency ?? defaults.currency, amount: roundToCents(hours * hourlyRate), reason: rule.reason };
  }

  function triage(item: WorkItem): Verdict {
    const ctx = prepare(item, null);
    const { missing, firstMissing, covering } = decide(ctx, null);
    const contract = ctx.contract?.summary ?? null;
    let outcome: Outcome = 'review';
    let category: Category = 'call';
    let status: Status = 'new';
    let reasons = noRuleReasons;
    let proposalDraft: ProposalDraft | null = null;
    if (firstMissing !== null) {
      outcome = 'incomplete';
      reasons = missing.map((m) => m.text);
    } else if (covering !== null) {
      const r = covering.def;
      outcome = r.verdict;
      reasons = covering.reasons;
      if (r.verdict === 'advisory') {
        category = 'advisory';
        proposalDraft = proposal(r, ctx);
      } else if (r.verdict === 'covered' && (r.autoApprove ?? ctx.contract?.def.autoApprove ?? false)) {
        status = 'approved';
      }
    }
    const rule = firstMissing ?? covering?.def.id ?? null;
    return {
      outcome, category, status,
      missing: firstMissing === null ? NONE : missing,
      rule, reasons, contract, facts: ctx.facts, proposal: proposalDraft,
      trace: new LazyTrace(configHash, ctx.facts, rule, item, explain),
    };
  }

  return { configHash, triage };
}
