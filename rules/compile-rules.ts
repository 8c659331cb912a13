// Compiles a RulesConfig into an Engine: facts → contract → completeness → coverage, all closures
// prepared once. `triage` evaluates fast without building a trace; the verdict's `trace` is a
// LazyTrace that evaluates the same item again with tracing on when it is read (see lazy-trace.ts;
// the item must not be mutated in between, which WorkItem's readonly type already forbids).
import { compileCondition } from './compile-condition.js';
import type { CompiledCondition } from './compiled-condition.js';
import { compileContracts, possibleStates, productsNumbered } from './compile-contracts.js';
import { BUILT_IN_FACTS, compileFacts, rewriteVersions, type CompiledVersionPattern } from './compile-facts.js';
import { compileRegex } from './compile-regex.js';
import { findVersionHint } from './builtin-facts.js';
import { rangeBounds, sameNumbering } from './version-range.js';
import type { KindModel } from './kind-model.js';
import { compileHourEstimator, type EstimatorSettings, type HourEstimator } from './hour-estimator.js';
import { compileKindClassifier, type KindEvidence } from './classify-kind.js';
import { catalogueFacts } from './catalogue-facts.js';
import { withNamedConditions } from './compile-named-conditions.js';
import { type CompileEnv, EvalContext, TEXT_BOTH } from './eval-context.js';
import { NO_RULE_DECIDED, describeEstimate, describedNoSymptom, neverAsked, kindUncertain, notAskedWhy, prereleaseUnsaid, rivalValues, versionNumbering, versionUnread } from './messages.js';
import type { Category, Localized, MissingItem, NotAsked, Outcome, ProposalDraft, RuleTrace, Status, Verdict, WorkItem } from './model.js';
import { LazyTrace, type TraceDetail } from './lazy-trace.js';
import { TriageVerdict } from './triage-verdict.js';
import { parseInstant } from './parse-instant.js';
import { createPhraseIndex } from './phrase-index.js';
import type { Condition, CoverageRule, RulesConfig } from './rules-config.js';
import { normalizeKey, normalizeText } from './normalize-text.js';

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
  /** The facts `require` reads: while it fails, they are unknown to the coverage rules. */
  readonly facts: readonly string[];
  /** Asked only when its answer could change the outcome (`ask: when-it-decides`, or `never`). */
  readonly decisiveOnly: boolean;
  /** Never asked of the customer: when it could change the outcome, a person decides (`ask: never`). */
  readonly personOnly: boolean;
}

interface CompiledCoverage {
  readonly def: CoverageRule;
  readonly when: CompiledCondition;
  readonly reasons: readonly Localized[];
}

interface Decision {
  readonly outcome: Outcome;
  readonly missing: readonly MissingItem[];
  readonly covering: CompiledCoverage | null;
  readonly notAsked: readonly NotAsked[];
  /** Set when the kind alone left the outcome open. */
  readonly kindOpen: boolean;
  /** Set when a product or module with nearly the evidence of the one found would decide otherwise. */
  readonly rival?: Rival;
  /** Set when only the version was to be asked, and the text has words that may be it ("release 48"). */
  readonly unreadVersion?: string;
  /** Set when the version read is numbered otherwise than the contract's ranges for the product (they are listed). */
  readonly otherNumbering?: string;
  /** Set when only an error text or steps were to be asked of a customer who described what happens at length (the words). */
  readonly described?: number;
  /** Set when a covered verdict rests on a pre-release version whose coverage the catalogue does not give. */
  readonly prerelease?: string;
  /** Set when what could change the outcome is never asked of the customer (`ask: never`): those rules' ids. */
  readonly personAsks?: readonly string[];
}

interface Rival {
  readonly fact: string;
  readonly found: string;
  readonly value: string;
  readonly outcome: Outcome;
}

const NONE: readonly never[] = Object.freeze([]);

/** The outcomes still possible, as bits: a scan allocates no set. */
const OUTCOME_BIT = { covered: 1, advisory: 2, review: 4 } as const;
const ONLY_OUTCOME: ReadonlyMap<number, 'covered' | 'advisory' | 'review'> = new Map([[1, 'covered'], [2, 'advisory'], [4, 'review']] as const);

const NO_RULE_REASONS: readonly Localized[] = Object.freeze([NO_RULE_DECIDED]);

/** The facts that say what happened in the customer's words' stead. */
const SYMPTOM_FACTS: ReadonlySet<string> = new Set(['errorText', 'steps', 'attachments']);

/**
 * Words in sentences from which a description counts as told at length: on the development parts of
 * sixteen vendors, customers asked for an error text or steps who had written this much were rightly
 * asked 2 times and wrongly 7 (starter configs); below it the labellers asked nearly always.
 */
const DESCRIBED_AT_LENGTH = 60;
/** A line of fewer words is a greeting, a signature, a heading or a field: no sentence of the description. */
const SENTENCE_WORDS = 6;
const WORD = /[\p{L}\d]+/gu;

/** The words of the text's lines of at least SENTENCE_WORDS words: what the customer told, without greeting and signature. */
function describedWords(text: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const n = line.match(WORD)?.length ?? 0;
    if (n >= SENTENCE_WORDS) total += n;
  }
  return total;
}
const NO_FACTS: ReadonlySet<string> = new Set();

function roundToCents(amount: number): number {
  // The small nudge keeps products like 2.5 × 135.33 (338.324999… in binary) rounding half up.
  return Math.round(amount * 100 + 1e-6) / 100;
}

/**
 * Calls `visit` on every leaf of a condition, following named conditions (each once, so a cycle the
 * loader missed cannot loop). One walk serves every question about what a condition reads.
 */
function forEachLeaf(c: Condition, named: Readonly<Record<string, Condition>>, visit: (leaf: Condition) => void, seen: Set<string> = new Set()): void {
  if ('all' in c) for (const x of c.all) forEachLeaf(x, named, visit, seen);
  else if ('any' in c) for (const x of c.any) forEachLeaf(x, named, visit, seen);
  else if ('not' in c) forEachLeaf(c.not, named, visit, seen);
  else if ('condition' in c) {
    const target = named[c.condition];
    if (target !== undefined && !seen.has(c.condition)) {
      seen.add(c.condition);
      forEachLeaf(target, named, visit, seen);
    }
  } else visit(c);
}

/** True when a condition reads the request kind. */
function readsKind(c: Condition, named: Readonly<Record<string, Condition>>): boolean {
  let reads = false;
  forEachLeaf(c, named, (leaf) => {
    if ('kind' in leaf || ('fact' in leaf && leaf.fact === 'kind')) reads = true;
  });
  return reads;
}

/** The facts a condition reads (attachments count as the fact `attachments`). */
function factsOf(c: Condition, named: Readonly<Record<string, Condition>>): string[] {
  const out = new Set<string>();
  forEachLeaf(c, named, (leaf) => {
    if ('fact' in leaf) out.add(leaf.fact);
    else if ('attachments' in leaf) out.add('attachments');
  });
  return [...out];
}

export interface CompileOptions {
  readonly configHash: string;
  /** The learned covered-or-not model; absent: the built-in one (null: none). */
  readonly kindModel?: KindModel | null;
  /** The learned hour estimator of the config's model, if it has one: advisory hours from similar past requests. */
  readonly hourEstimator?: { readonly model: HourEstimator } & EstimatorSettings;
}

/**
 * The products whose contracts count versions in whole releases ("release 44 and later": `>=44`):
 * for them "release 48", "r46" and "Bedrijf 49" are versions, as a number with a dot is for others.
 * Years (`>=2025`) are not whole releases: "Kassa 3" is a till.
 */
function wholeReleases(contracts: RulesConfig['contracts']): Set<string> {
  return productsNumbered(contracts, /^\d{1,3}$/);
}

/**
 * The products whose contracts count a year's releases ("2025 R2 and later": `>=2025.2`): for them
 * "2026.1" is a version wherever it stands ("Kindratio-check 2026.1 keurt … goed"), as nothing else
 * is written that way; for others it may be an amount or a reference.
 */
function yearReleases(contracts: RulesConfig['contracts']): Set<string> {
  return productsNumbered(contracts, /^(?:19|20)\d\d\.\d{1,2}$/);
}

/**
 * "versie 2026", "Inspect versie 5" against `>=2026.04`, `>=5.3`: a hint that is a major of the
 * contract's own ranges, without its release, is no version the customer gave in another form but
 * one too short to handle a defect by; it is asked, as a major read is (not "fw 408", which names a
 * release the ranges write 4.08).
 */
function bareMajorOf(hint: string, ctx: EvalContext): boolean {
  const number = /^\D*?(\d+)$/.exec(hint.trim())?.[1];
  if (number === undefined) return false;
  const product = ctx.fact('product')?.value;
  const ranges = ctx.contract?.def.products.filter((p) => product === undefined || normalizeKey(p.product) === normalizeKey(product)).flatMap((p) => p.versions ?? []) ?? [];
  const major = new RegExp(`^v?${number}\\.\\d`);
  return ranges.some((range) => rangeBounds(range).some((b) => major.test(b)));
}

/** Each catalogue product's own ways of writing its version, compiled, by normalised id. */
function productVersionPatterns(products: NonNullable<RulesConfig['products']>): Map<string, { product: string; patterns: CompiledVersionPattern[] }> {
  const out = new Map<string, { product: string; patterns: CompiledVersionPattern[] }>();
  for (const p of products) {
    if (p.versionPatterns === undefined) continue;
    out.set(normalizeText(p.id), {
      product: p.id,
      patterns: p.versionPatterns.map((v, i) => {
        const re = compileRegex(v.pattern, `products "${p.id}" versionPatterns[${i}]`, v.caseSensitive);
        return { re: new RegExp(re.source, `${re.flags}g`), template: v.version };
      }),
    });
  }
  return out;
}

export function compileRules(config: RulesConfig, options: CompileOptions): Engine {
  const { configHash } = options;
  const phrases = createPhraseIndex();
  const facts = catalogueFacts(config.facts, config.products);
  const env: CompileEnv = withNamedConditions(config.conditions, { declared: new Set([...Object.keys(facts.defs), ...BUILT_IN_FACTS]), phrases });
  const productWords = new Map<string, string[]>();
  for (const [product, words] of Object.entries(facts.productNames ?? facts.defs['product']?.words ?? {})) {
    productWords.set(product.toLowerCase(), [normalizeText(product), ...words.map((w) => normalizeText(w))]);
  }
  // "Haven 26.3" of "Anker Haven": the name without the brand counts beside a version number.
  const versionWords = new Map(productWords);
  for (const [product, tails] of Object.entries(facts.versionNames ?? {})) {
    const key = product.toLowerCase();
    versionWords.set(key, [...(versionWords.get(key) ?? []), ...tails.map((t) => normalizeText(t))]);
  }
  const versionPatterns = productVersionPatterns(config.products ?? []);
  const resolveFacts = compileFacts(facts.defs, env, facts.scoped, versionWords, {
    ...facts, wholeReleases: wholeReleases(config.contracts), yearReleases: yearReleases(config.contracts), versionPatterns,
  });
  const noRuleReasons = config.review === undefined ? NO_RULE_REASONS : Object.freeze([config.review.reason]);
  const resolveContract = compileContracts(
    config.contracts,
    new Set((config.products ?? []).filter((p) => p.versioned === false).map((p) => normalizeText(p.id))),
    new Map((config.products ?? []).flatMap((p) => (p.prereleases === undefined ? [] : [[normalizeText(p.id), p.prereleases] as const]))),
  );
  const ownProductNames = config.products === undefined ? [...productWords.keys()] : config.products.flatMap((p) => (p.name === undefined ? [p.id] : [p.id, p.name]));
  const allProductWords = [...productWords.values()].flat();
  const moduleWords = Object.entries(facts.defs['module']?.words ?? {}).flatMap(([module, words]) => [module, ...words]);
  const classify = compileKindClassifier(config.kinds, allProductWords, options.kindModel, ownProductNames, [...allProductWords, ...moduleWords]);
  const estimateHours = options.hourEstimator === undefined
    ? undefined
    : compileHourEstimator(options.hourEstimator.model, allProductWords, options.hourEstimator);
  const relevantOnly = (config.completenessMode ?? 'relevant') === 'relevant';
  const named = config.conditions ?? {};
  const unversioned = (config.products ?? []).filter((p) => p.versioned === false).map((p) => p.id);
  /** A rule that asks only for the version does not apply to a product without version numbers. */
  const whenOf = (r: RulesConfig['completeness'][number]): Condition | undefined => {
    if (unversioned.length === 0 || factsOf(r.require, named).join() !== 'version') return r.when;
    const versioned: Condition = { not: { fact: 'product', in: unversioned } };
    return r.when === undefined ? versioned : { all: [r.when, versioned] };
  };
  const completeness: CompiledCompleteness[] = config.completeness.map((r) => {
    const when = whenOf(r);
    return {
      id: r.id,
      when: when === undefined ? undefined : compileCondition(when, env, `completeness rule "${r.id}" (when)`),
      require: compileCondition(r.require, env, `completeness rule "${r.id}" (require)`),
      missing: { id: r.id, text: r.missing },
      facts: factsOf(r.require, named),
      decisiveOnly: r.ask === 'when-it-decides' || r.ask === 'never',
      personOnly: r.ask === 'never',
    };
  });
  /** The completeness rules that ask for the version alone. */
  const versionOnly = new Set(completeness.filter((r) => r.facts.length === 1 && r.facts[0] === 'version').map((r) => r.id));
  /** Rules that ask only what happened in the customer's words' stead: an error text, steps or an attachment. */
  const symptomOnly = new Set(completeness.filter((r) => r.facts.length > 0 && r.facts.every((f) => SYMPTOM_FACTS.has(f))).map((r) => r.id));
  const coverage: CompiledCoverage[] = config.coverage.map((r) => ({
    def: r,
    when: compileCondition(r.when, env, `coverage rule "${r.id}"`),
    reasons: Object.freeze([r.reason]),
  }));
  const { defaults } = config;
  // Without a rule on the kind, the kind never leaves an outcome open, and need not be read to decide.
  const kindDecides = [...config.coverage.map((r) => r.when), ...config.completeness.flatMap((r) => (r.when === undefined ? [r.require] : [r.when, r.require]))]
    .some((c) => readsKind(c, named));

  // Shared by every triage: a closure per item cost more than the call.
  const classifyItem = (ctx: EvalContext) => {
    const error = ctx.fact('errorText');
    const hasVersion = ctx.fact('version') !== undefined;
    // The text with its versions as the product's own patterns read them: "upgraden van 2026.Q1 naar
    // 2026.Q4" asks for an upgrade as "van 2026.1 naar 2026.4" does. What they hide stays as written:
    // "ZP-300" or "our VLAN 10.40.0.0" are words of the request, if no version.
    const product = ctx.fact('product')?.value;
    const own = product === undefined ? undefined : versionPatterns.get(normalizeKey(product))?.patterns;
    const body = ctx.body();
    const forwardedAt = ctx.bodyForwardedAt();
    let read: KindEvidence['read'];
    if (own !== undefined) {
      // The error text quoted in the body is the product's message, not the customer's words (see
      // KindEvidence.errorText): taken out before the rewrite, which would change it.
      const quoted = error?.source === 'description' && error.value.length >= 12 ? error.value : undefined;
      const prepared = (t: string): string => rewriteVersions(own, quoted === undefined ? t : t.replace(quoted, ' '), false).text;
      const lead = forwardedAt > 0 ? prepared(body.slice(0, forwardedAt)) : '';
      read = {
        subject: rewriteVersions(own, ctx.item.subject, false).text,
        body: forwardedAt > 0 ? lead + prepared(body.slice(forwardedAt)) : prepared(body),
        forwardedAt: forwardedAt > 0 ? lead.length : -1,
      };
    }
    return classify({
      subject: ctx.item.subject,
      body,
      ...(read !== undefined && { read }),
      hasErrorText: error !== undefined,
      errorText: error?.source === 'description' ? error.value : undefined,
      hasSteps: ctx.fact('steps') !== undefined,
      hasVersion,
      forwardedAt,
    });
  };
  const notAskedTexts = new Map<string, NotAsked>();
  const notAsked = (id: string, rule: string | undefined, outcome: Outcome): NotAsked => {
    const key = `${id}\0${rule ?? ''}\0${outcome}`;
    let n = notAskedTexts.get(key);
    if (n === undefined) notAskedTexts.set(key, (n = Object.freeze({ id, why: notAskedWhy(rule, outcome) })));
    return n;
  };

  function prepare(item: WorkItem, notes: string[] | null, forced?: EvalContext['forced']): EvalContext {
    const createdMs = parseInstant(item.createdAt);
    if (Number.isNaN(createdMs)) throw new Error(`work item ${item.id}: createdAt ${JSON.stringify(item.createdAt)} is not an ISO 8601 instant`);
    const ctx = new EvalContext(item, phrases);
    ctx.forced = forced;
    ctx.facts = resolveFacts(ctx);
    // The contract check may ask the kind (the version an upgrade request is for), so it can read it.
    ctx.classifyKind = classifyItem;
    resolveContract(ctx, createdMs, notes);
    ctx.possibleStates = [ctx.contractState];
    if (notes !== null) {
      // The trace reads everything, so that it shows every fact the verdict lists.
      ctx.allFacts();
      if (ctx.versionClaim !== undefined) notes.push(`version claimed without a number ("${ctx.versionClaim}"): unknown`);
    }
    return ctx;
  }

  /**
   * The coverage rules three-valued: the outcomes still possible in rule order, and the first
   * rule that holds whatever is unknown.
   */
  function scan(ctx: EvalContext, unknown: ReadonlySet<string>): { outcomes: number; covering: CompiledCoverage | null } {
    ctx.unknown = unknown;
    ctx.possibleStates = possibleStates(ctx, unknown);
    const kind = kindDecides ? ctx.kind : undefined;
    if (kind === undefined || kind.certain) return scanRules(ctx);
    // An uncertain kind is one of its two candidates, not each rule's own guess: scanning the rules
    // once per candidate keeps "a defect is covered, a new-version request too" from reading as
    // "maybe neither rule holds".
    const [first, second] = kind.candidates;
    ctx.kind = { ...kind, kind: first, certain: true };
    const a = scanRules(ctx);
    ctx.kind = { ...kind, kind: second, certain: true };
    const b = scanRules(ctx);
    ctx.kind = kind;
    // Two rules of the same verdict (a how-to or an own implementation: advisory either way): the
    // likelier kind's rule decides, so the verdict has its reason and its proposal.
    const covering = a.covering !== null && b.covering !== null && a.covering.def.verdict === b.covering.def.verdict ? a.covering : null;
    return { outcomes: a.outcomes | b.outcomes, covering };
  }

  function scanRules(ctx: EvalContext): { outcomes: number; covering: CompiledCoverage | null } {
    let outcomes = 0;
    let covering: CompiledCoverage | null = null;
    for (const r of coverage) {
      const v = r.when.maybe(ctx);
      if (v === false) continue;
      outcomes |= OUTCOME_BIT[r.def.verdict];
      if (v === true) {
        covering = r;
        break;
      }
    }
    if (covering === null) outcomes |= OUTCOME_BIT.review;
    return { outcomes, covering };
  }

  /**
   * The decision, unless a rival reading of the product or module (one with nearly the evidence of
   * the one found: "na de internetstoring zijn de bonnen weg") decides otherwise: then a person
   * reads it, as a guess between the two would bill or refuse the customer by chance.
   */
  function decide(ctx: EvalContext, rules: RuleTrace[] | null): Decision {
    let decision = decideFound(ctx, rules);
    if (decision.outcome === 'incomplete' && symptomOnly.size > 0 && decision.missing.some((m) => symptomOnly.has(m.id))) {
      // A customer who told at length what happens has given what an error text or steps would
      // tell, in words InScope does not recognise as either: asking again is a wrong verdict sent to
      // them. The rest is still asked; when nothing else is missing, a person decides.
      const words = describedWords(ctx.body());
      if (words >= DESCRIBED_AT_LENGTH) {
        const rest = decision.missing.filter((m) => !symptomOnly.has(m.id));
        const dropped = decision.missing.filter((m) => symptomOnly.has(m.id)).map((m) => ({ id: m.id, why: `described at length (${words} words in sentences): not asked` }));
        decision = rest.length === 0
          ? { outcome: 'review', missing: NONE, covering: null, notAsked: NONE, kindOpen: false, described: words }
          : { ...decision, missing: rest, notAsked: [...decision.notAsked, ...dropped] };
      }
    }
    if (decision.outcome === 'incomplete' && decision.missing.every((m) => versionOnly.has(m.id))) {
      // Asking a customer for the version they gave in words InScope does not read ("release 48",
      // "FW 4.7") is a wrong verdict sent to them; a person reads it instead.
      // Read where the product's own patterns left it: a match they hide ("R2" alone) is no version.
      ctx.fact('version');
      // A version read too short for the contract ("10" against >=10.2) is asked, not guessed at;
      // every hint holds a digit, so a text without one is not cut from its quotes for it.
      const hint = ctx.versionPartial !== undefined || (ctx.versionText === undefined && !ctx.hasDigit(TEXT_BOTH)) ? undefined : findVersionHint(ctx.versionText ?? `${ctx.item.subject}\n${ctx.body()}`);
      if (hint !== undefined && !bareMajorOf(hint, ctx)) return { outcome: 'review', missing: NONE, covering: null, notAsked: NONE, kindOpen: false, unreadVersion: hint };
    }
    if (decision.outcome === 'advisory' && ctx.contractState === 'version-out-of-support') {
      // "PN 5.12" read for a product whose contracts count years (2025.6): a number of another kind
      // than the product's is more likely another thing's than a release too old to be covered.
      const version = ctx.fact('version')?.value;
      const product = ctx.fact('product')?.value;
      const ranges = ctx.contract?.def.products.filter((p) => product !== undefined && normalizeKey(p.product) === normalizeKey(product)).flatMap((p) => p.versions ?? []) ?? [];
      if (version !== undefined && ranges.length > 0 && !sameNumbering(version, ranges)) {
        return { outcome: 'review', missing: NONE, covering: null, notAsked: NONE, kindOpen: false, unreadVersion: version, otherNumbering: ranges.join(', ') };
      }
    }
    if (decision.outcome === 'covered' && ctx.prerelease !== undefined) {
      // "5.4.0-rc.1" inside ">=5.2": covered by its number, but whether a release candidate is a
      // release the contract covers is the vendor's word (products[].prereleases), not a guess.
      return { outcome: 'review', missing: NONE, covering: null, notAsked: NONE, kindOpen: false, prerelease: ctx.prerelease };
    }
    if (ctx.rivals === undefined || decision.outcome === 'review') return decision;
    for (const r of ctx.rivals) {
      const other = decideFound(prepare(ctx.item, null, r), null);
      if (other.outcome === decision.outcome || other.outcome === 'review') continue;
      const rival = { fact: r.fact, found: ctx.facts[r.fact]?.value ?? '', value: r.value.value, outcome: other.outcome };
      return { outcome: 'review', missing: NONE, covering: null, notAsked: NONE, kindOpen: false, rival };
    }
    return decision;
  }

  function decideFound(ctx: EvalContext, rules: RuleTrace[] | null): Decision {
    const failed: CompiledCompleteness[] = [];
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
          phase: 'completeness', ruleId: r.id, passed: holds, decided: false,
          condition: {
            kind: 'completeness', passed: holds,
            describe: whenTrace === undefined ? 'requires' : 'when the first condition holds, requires the second',
            children: whenTrace === undefined ? [requireTrace] : [whenTrace, requireTrace],
          },
        });
      }
      if (!holds) failed.push(r);
    }
    const asked = failed.map((r) => r.missing);
    let decision: Decision;
    if (failed.length > 0 && !relevantOnly) {
      // The literal order asks first, but only for what the request surely needs: when every
      // failed rule applies only under one reading of an uncertain kind ("a defect needs an error
      // text" on what may be a how-to question), a person decides instead of the customer being asked.
      // What is never asked of the customer (`ask: never`) is a person's to read, in this order too.
      const personAsks = failed.filter((r) => r.personOnly).map((r) => r.id);
      decision = personAsks.length > 0
        ? { outcome: 'review', missing: NONE, covering: null, notAsked: NONE, kindOpen: false, personAsks }
        : failed.some((r) => r.when === undefined || r.when.maybe(ctx) === true)
          ? { outcome: 'incomplete', missing: asked, covering: null, notAsked: NONE, kindOpen: false }
          : { outcome: 'review', missing: NONE, covering: null, notAsked: NONE, kindOpen: true };
    } else decision = decideCoverage(ctx, failed, asked);
    if (rules !== null) {
      for (const r of rules) if (r.phase === 'completeness' && !r.passed && decision.outcome === 'incomplete') (r as { decided: boolean }).decided = true;
      // With literal completeness an incomplete request never reaches coverage.
      if (decision.outcome !== 'incomplete' || relevantOnly) {
        for (const r of coverage) {
          const condition = r.when.explain(ctx);
          const v = r.when.maybe(ctx);
          const decided = decision.covering === r;
          rules.push({ phase: 'coverage', ruleId: r.def.id, passed: v === true, decided, ...(v === undefined && { open: true }), condition });
          if (decided) break;
        }
      }
    }
    return decision;
  }

  function decideCoverage(ctx: EvalContext, failed: readonly CompiledCompleteness[], asked: readonly MissingItem[]): Decision {
    if (failed.length === 0 && !kindDecides) {
      // Nothing unknown: the first rule that holds decides, two-valued.
      for (const r of coverage) {
        if (r.when.test(ctx)) return { outcome: r.def.verdict, missing: NONE, covering: r, notAsked: NONE, kindOpen: false };
      }
      return { outcome: 'review', missing: NONE, covering: null, notAsked: NONE, kindOpen: false };
    }
    let unknown = NO_FACTS;
    if (failed.length > 0) {
      const facts = new Set<string>();
      for (const r of failed) for (const f of r.facts) facts.add(f);
      unknown = facts;
    }
    const { outcomes, covering } = scan(ctx, unknown);
    let decision: Decision;
    const outcome = ONLY_OUTCOME.get(outcomes);
    if (outcome !== undefined) {
      const needed: readonly CompiledCompleteness[] = outcome === 'covered' ? failed.filter((r) => !r.decisiveOnly) : NONE;
      if (needed.length > 0) {
        // A covered Call: its handling needs every missing item, but those asked only when they decide.
        decision = { outcome: 'incomplete', missing: needed.length === failed.length ? asked : needed.map((r) => r.missing), covering: null, notAsked: NONE, kindOpen: false };
      } else {
        const by = covering?.def.id;
        decision = {
          outcome, missing: NONE, covering, kindOpen: false,
          notAsked: failed.map((r) => notAsked(r.id, by, outcome)),
        };
      }
    } else {
      // Open: because the kind is uncertain and decides (a person reads it: asking the customer for
      // what only a defect needs could be beside the point), or because of what is missing.
      // With nothing missing, only the kind can have left it open.
      const kindOpen = kindDecides && !ctx.kind.certain && (failed.length === 0 || openByKindAlone(ctx, unknown));
      const missing = failed.length > 0 && !kindOpen ? decisiveAsked(ctx, failed, asked, outcomes) : NONE;
      // What decides and is never asked of the customer ("the module follows from the description"):
      // a person reads the request, rather than the customer being asked for the rest meanwhile.
      const personAsks = failed.filter((r) => r.personOnly && missing.includes(r.missing)).map((r) => r.id);
      decision = personAsks.length > 0
        ? { outcome: 'review', missing: NONE, covering: null, notAsked: NONE, kindOpen: false, personAsks }
        : failed.length > 0 && !kindOpen
          ? { outcome: 'incomplete', missing, covering: null, notAsked: NONE, kindOpen: false }
          : { outcome: 'review', missing: NONE, covering: null, notAsked: NONE, kindOpen };
    }
    return decision;
  }

  /**
   * What to ask when the outcome is open: every missing item, but one asked only when it decides
   * (`ask: when-it-decides`) only when leaving it out of the unknowns narrows the outcomes (the
   * module of a customer whose contract covers the whole product never does).
   */
  function decisiveAsked(ctx: EvalContext, failed: readonly CompiledCompleteness[], asked: readonly MissingItem[], outcomes: number): readonly MissingItem[] {
    if (!failed.some((r) => r.decisiveOnly)) return asked;
    const all = ctx.unknown;
    const kept = failed.filter((r) => {
      if (!r.decisiveOnly) return true;
      const without = new Set<string>();
      for (const o of failed) if (o !== r) for (const f of o.facts) without.add(f);
      for (const f of r.facts) without.delete(f);
      return scan(ctx, without).outcomes !== outcomes;
    });
    // Back to the unknowns of this decision, which the trace reads.
    ctx.unknown = all;
    ctx.possibleStates = possibleStates(ctx, all);
    return kept.length === failed.length ? asked : kept.map((r) => r.missing);
  }

  /** True when, with every fact as found, the uncertain kind alone leaves more than one outcome. */
  function openByKindAlone(ctx: EvalContext, unknown: ReadonlySet<string>): boolean {
    const open = !ONLY_OUTCOME.has(scan(ctx, NO_FACTS).outcomes);
    // Back to the unknowns of this decision, which the trace reads.
    ctx.unknown = unknown;
    ctx.possibleStates = possibleStates(ctx, unknown);
    return open;
  }

  function explain(item: WorkItem): TraceDetail {
    const notes: string[] = [];
    const rules: RuleTrace[] = [];
    const ctx = prepare(item, notes);
    notes.push(`kind ${ctx.kind.kind} (confidence ${ctx.kind.confidence}${ctx.kind.certain ? '' : `, uncertain: ${ctx.kind.candidates.join(' or ')}`})`);
    const decision = decide(ctx, rules);
    for (const n of decision.notAsked) notes.push(`not asked: ${n.id} (${n.why})`);
    const { rival } = decision;
    if (rival !== undefined) notes.push(`${rival.fact} "${rival.found}" or "${rival.value}": named nearly as often, and "${rival.value}" would decide ${rival.outcome}`);
    if (decision.described !== undefined) notes.push(`only an error text or steps were missing, and the customer described what happens in ${decision.described} words: a person decides whether that is enough before the customer is asked`);
    if (decision.prerelease !== undefined) notes.push(`version ${decision.prerelease} is a pre-release: covered by its number, but the catalogue does not say whether pre-releases are (products[].prereleases), so a person decides`);
    if (decision.otherNumbering !== undefined) notes.push(`version ${decision.unreadVersion ?? ''} is numbered otherwise than the contract's ${decision.otherNumbering}: may be another thing's, a person checks`);
    else if (decision.unreadVersion !== undefined) notes.push(`version not read, but "${decision.unreadVersion}" may be it: a person checks before the customer is asked`);
    const rule = decision.covering?.def;
    if (decision.outcome === 'advisory' && rule?.verdict === 'advisory' && estimateHours !== undefined) {
      notes.push(describeEstimate(proposal(rule, ctx).estimate));
    }
    if (decision.outcome === 'advisory' && rule?.verdict === 'advisory' && rule.proposal === 'none') {
      notes.push(`no proposal sent: rule "${rule.id}" has proposal: none`);
    }
    return { contract: notes.join('; '), rules };
  }

  function proposal(rule: CoverageRule, ctx: EvalContext): ProposalDraft {
    const contract = ctx.contract?.def;
    const ruleHours = rule.estimateHours ?? contract?.estimateHours ?? defaults.estimateHours;
    const estimate = estimateHours?.(ctx.fact('product')?.value ?? '', ctx.kind.kind, ctx.item.subject, ctx.body(), ruleHours);
    const hours = estimate?.hours ?? ruleHours;
    const hourlyRate = contract?.hourlyRate ?? defaults.hourlyRate;
    const draft = { hours, hourlyRate, currency: contract?.currency ?? defaults.currency, amount: roundToCents(hours * hourlyRate), reason: rule.reason };
    return estimate === undefined ? draft : { ...draft, estimate };
  }

  function triage(item: WorkItem): Verdict {
    const ctx = prepare(item, null);
    const decision = decide(ctx, null);
    const { covering } = decision;
    const contract = ctx.contract?.summary ?? null;
    let category: Category = 'call';
    let status: Status = 'new';
    let reasons = noRuleReasons;
    let proposalDraft: ProposalDraft | null = null;
    if (decision.outcome === 'incomplete') reasons = decision.missing.map((m) => m.text);
    else if (covering !== null) {
      const r = covering.def;
      reasons = covering.reasons;
      if (r.verdict === 'advisory') {
        category = 'advisory';
        proposalDraft = proposal(r, ctx);
        // proposal: none: advisory all the same, but nothing is sent (a thank-you, an invoice question).
        if (r.proposal === 'none') proposalDraft = { ...proposalDraft, send: false };
      } else if (r.verdict === 'covered' && (r.autoApprove ?? ctx.contract?.def.autoApprove ?? false)) {
        status = 'approved';
      }
    } else if (decision.kindOpen) reasons = [kindUncertain(ctx.kind.candidates)];
    else if (decision.rival !== undefined) reasons = [rivalValues(decision.rival.fact, decision.rival.found, decision.rival.value)];
    else if (decision.prerelease !== undefined) reasons = [prereleaseUnsaid(decision.prerelease)];
    else if (decision.personAsks !== undefined) reasons = [neverAsked(decision.personAsks)];
    else if (decision.described !== undefined) reasons = [describedNoSymptom()];
    else if (decision.otherNumbering !== undefined) reasons = [versionNumbering(decision.unreadVersion ?? '', decision.otherNumbering)];
    else if (decision.unreadVersion !== undefined) reasons = [versionUnread(decision.unreadVersion)];
    const rule = decision.outcome === 'incomplete' ? decision.missing[0]?.id ?? null : covering?.def.id ?? null;
    return new TriageVerdict({
      outcome: decision.outcome, category, status,
      missing: decision.outcome === 'incomplete' ? decision.missing : NONE,
      rule, reasons, contract, proposal: proposalDraft, notAsked: decision.notAsked,
      trace: new LazyTrace(configHash, ctx, rule, item, explain),
    }, ctx);
  }

  return { configHash, triage };
}
