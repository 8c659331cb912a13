// Fact resolution: a logical field first, else a pattern or word list over the subject and/or
// description, else the default; each value remembers where it came from. Among word lists the
// canonical value with the strongest evidence wins: a phrase that names the value itself ("Connect",
// "Veldhuis Connect") counts three times a mere alias ("timesheets", "api"), a phrase in the subject
// twice one in the description; on a tie, the first in config order. A scoped fact (see catalogue-facts.ts) takes its word list from the value of a fact
// resolved before it.
import { type CompileEnv, type EvalContext, fieldText, foundAny, TEXT_BOTH, TEXT_DESCRIPTION, TEXT_SUBJECT, type TextScope } from './eval-context.js';
import { PRERELEASE_TAIL } from './version-range.js';
import type { FactSource, FactValue } from './model.js';
import type { PhraseHits } from './phrase-index.js';
import { compileRegex } from './compile-regex.js';
import type { CatalogueFacts, ScopedWords, WordList } from './catalogue-facts.js';
import { normalizeKey, normalizeText, padNormalized } from './normalize-text.js';
import type { FactDefinition } from './rules-config.js';
import { detectLanguage, disclaimedVersion, findErrorText, findSteps, findVersion, mayReadVersion } from './builtin-facts.js';

/** Facts the engine finds by itself when the config declares none or its own finds nothing. */
export const BUILT_IN_FACTS = ['version', 'errorText', 'steps', 'language'] as const;

/** The built-ins and the kind, in the order the verdict lists them; each found when first read. */
const PENDING_ALL: readonly string[] = [...BUILT_IN_FACTS, 'kind'];

interface WordValue {
  readonly ids: readonly number[];
  /** Per id: 3 when the phrase names the canonical value itself, else 1. */
  readonly weights: readonly number[];
  /** The phrases, normalised, to tell which value the text names first when two score alike. */
  readonly phrases: readonly string[];
  readonly fromSubject: FactValue;
  readonly fromDescription: FactValue;
  /** Phrases that name the value only when a version number follows (see CatalogueFacts.versionNames). */
  readonly tailIds: readonly number[];
  /** The tails, normalised and padded with spaces, and the phrases naming the value itself then the tails: as a version may follow them. */
  readonly paddedTails: readonly string[];
  readonly versionNames: readonly string[];
  /** The product's own ways of writing its version (catalogue versionPatterns): a match names it with its version. */
  readonly ownPatterns?: readonly CompiledVersionPattern[];
}

interface CompiledFact {
  readonly name: string;
  readonly field: string;
  readonly subject: boolean;
  readonly description: boolean;
  /** Which texts the fact reads, as EvalContext.paddedText takes them. */
  readonly scope: TextScope;
  readonly pattern: RegExp | undefined;
  readonly words: readonly WordValue[];
  readonly scoped: { readonly by: string; readonly words: ReadonlyMap<string, readonly WordValue[]>; readonly owners: ReadonlyMap<string, string> | undefined } | undefined;
  readonly fallback: FactValue | undefined;
}

export type FactResolver = (ctx: EvalContext) => Record<string, FactValue>;

function fromPattern(re: RegExp, text: string, source: FactSource): FactValue | undefined {
  const m = re.exec(text);
  if (m === null) return undefined;
  const value = (m[1] ?? m[0]).trim();
  return value === '' ? undefined : { value, source };
}

function evidence(w: WordValue, hits: PhraseHits): number {
  const { marks, base, mark } = hits;
  let score = 0;
  for (let i = 0; i < w.ids.length; i++) if (marks[base + (w.ids[i] as number)] === mark) score += w.weights[i] as number;
  return score;
}

/** True when the hits hold a phrase naming the value itself (its id or name), not an alias only. */
function namedIn(w: WordValue, hits: PhraseHits | null): boolean {
  if (hits === null) return false;
  const { marks, base, mark } = hits;
  for (let i = 0; i < w.ids.length; i++) if (w.weights[i] === 3 && marks[base + (w.ids[i] as number)] === mark) return true;
  return false;
}

/** What a value's name directly followed by a version number adds to its evidence: more than the subject's double. */
const VERSIONED_NAME = 4;

/** True when a phrase naming the value itself is followed by a version number ("planner 4 6 1", "connect from 3 0 4" once normalised). */
function withVersion(w: WordValue, padded: string): boolean {
  for (const phrase of w.versionNames) if (versionFollows(phrase, padded)) return true;
  return false;
}

/** "4.6.1", "8 update 5", "V8U5", "2025 R1", "8 LTS", "2025 SP2" once normalised, within the 24 characters after a name. */
const VERSION_NEXT = /^(?:(?:from|van|versie|version|release|build|op|on) )?(?:\d+ (?:update |upd )?\d+|v?\d+u\d+|(?:19|20)\d\d ?r ?\d|\d+ (?:sp|lts|cu) ?\d*) /;
/** The same, read in place (no slice per mention); a match longer than 24 characters is checked on the slice. */
const VERSION_AT = new RegExp(VERSION_NEXT.source.slice(1), 'y');

function versionFollows(phrase: string, padded: string): boolean {
  for (let at = padded.indexOf(phrase); at >= 0; at = padded.indexOf(phrase, at + 1)) {
    const from = at + phrase.length;
    VERSION_AT.lastIndex = from;
    // No match here: none in the slice either, which holds only what follows here.
    if (!VERSION_AT.test(padded)) continue;
    if (VERSION_AT.lastIndex <= from + 24 || VERSION_NEXT.test(padded.slice(from, from + 24))) return true;
  }
  return false;
}

/** The evidence of a name's tail in hits: a name's, when a version number follows it somewhere in the text. */
function tailEvidence(w: WordValue, hits: PhraseHits | null, ctx: EvalContext, scope: TextScope): number {
  if (hits === null || w.tailIds.length === 0 || !foundAny(hits, w.tailIds) || !ctx.hasDigit(scope)) return 0;
  for (const tail of w.paddedTails) if (versionFollows(tail, ctx.paddedText(scope))) return 3;
  return 0;
}

/** Where a value is first named in a normalised text (padded with spaces), or Infinity. */
function firstAt(w: WordValue, padded: string): number {
  let at = Infinity;
  for (const p of w.phrases) {
    const i = padded.indexOf(` ${p} `);
    if (i >= 0 && i < at) at = i;
  }
  return at;
}

/**
 * The value with the most evidence (the subject counts double, a value's own name thrice an
 * alias). Two alike: the one named by its own name over one only an alias points to; then
 * ("Planner 4.6.1 … payroll cut-off is Friday") the one the text names first, as people name what
 * they write about before what it touches; in file order only when that ties too.
 */
function fromWords(words: readonly WordValue[], subject: PhraseHits | null, description: PhraseHits | null, ctx: EvalContext, scope: TextScope, rivalOf: string | undefined, labelOf?: string): FactValue | undefined {
  const found: { readonly w: WordValue; readonly inSubject: number; score: number }[] = [];
  for (const w of words) {
    const inSubject = (subject === null ? 0 : evidence(w, subject)) + tailEvidence(w, subject, ctx, scope);
    const score = 2 * inSubject + (description === null ? 0 : evidence(w, description)) + tailEvidence(w, description, ctx, scope);
    if (score > 0) found.push({ w, inSubject, score });
  }
  /** Values whose own name the description gives only where it says they work. */
  let unnamed: Set<WordValue> | undefined;
  // "Aanvragen via de app en rechtstreeks in HRM gaan wel goed": a value named only where the
  // customer says it works is what they compare with, not what they write about. Only when there
  // is a choice, and only for the description's mentions.
  // A clause that says something works says it in the whole text too (clauses end at separators,
  // which normalising turns into spaces): most texts say none, and need not be split into clauses.
  if (found.length > 1 && description !== null && FINE.test(ctx.paddedText(scope))) {
    const all = clausesOf(ctx);
    if (all.some((c) => c.fine)) {
      for (const f of found) {
        const off = saidToWork(f.w, description, all);
        f.score -= off.weight;
        if (off.names && !namedIn(f.w, subject)) (unnamed ??= new Set()).add(f.w);
      }
    }
  }
  // "Product: Regie" on a line of its own (a portal form, the customer's template): the customer
  // chose the value there, whatever else the text names with a number ("de Crew-app staat op 6.11").
  const label = labelOf === undefined || found.length < 2 ? undefined : labelledLine(ctx.item.description, labelOf);
  if (label !== undefined) {
    const chosen = found.filter((f) => f.w.phrases.some((p) => label.includes(` ${p} `)));
    if (chosen.length === 1) return pick(chosen[0] as (typeof found)[number]);
  }
  // "In Planner 4.6.1 the export … to payroll": a name with its version number says which of the
  // values named is the one in use. Only asked when there is a choice: most tickets name one.
  // No digit, no version number after any name.
  if (found.length > 1 && ctx.hasDigit(scope)) {
    // A product's own way of writing its version ("firmware 3.9.4" of the gates) says so as its name
    // with a number does: "Club 26.3" in a line of inventory does not outrank it.
    /** The customer's own text, built once for every product whose own patterns look in it. */
    let told: string | undefined;
    const versioned = found.filter((f) => withVersion(f.w, ctx.paddedText(scope)) || (f.w.ownPatterns !== undefined && namesByVersion(f.w.ownPatterns, (told ??= `${ctx.item.subject}\n${ctx.body()}`))));
    // One value named with its version number is the one in use, whatever else is named more
    // ("de export van Planner 4.7.1 naar Payroll"); several: each gets the bonus.
    if (versioned.length === 1) return pick(versioned[0] as (typeof found)[number]);
    for (const f of versioned) f.score += VERSIONED_NAME;
  }
  let best: FactValue | undefined;
  let bestWords: WordValue | undefined;
  let bestScore = 0;
  let bestNamed = false;
  for (const { w, inSubject, score } of found) {
    if (score < bestScore) continue;
    // Alike: a value named by its own name ("on Connect 2.11") before one only an alias points to
    // ("the timesheet endpoint"), then the one the text names first.
    const named = (namedIn(w, subject) || namedIn(w, description)) && unnamed?.has(w) !== true;
    if (score > bestScore || (bestWords !== undefined && (named !== bestNamed ? named : firstAt(w, ctx.paddedText(scope)) < firstAt(bestWords, ctx.paddedText(scope))))) {
      bestScore = score;
      bestWords = w;
      bestNamed = named;
      best = inSubject > 0 ? w.fromSubject : w.fromDescription;
    }
  }
  if (best === undefined) return undefined;
  if (rivalOf !== undefined && found.length > 1) {
    // A second value with nearly the evidence of the first ("bonnen" and "offline modus" in one
    // story): the verdict is checked against it too (see compile-rules.ts).
    let second: (typeof found)[number] | undefined;
    for (const f of found) if (f.w !== bestWords && unnamed?.has(f.w) !== true && (second === undefined || f.score > second.score)) second = f;
    if (second !== undefined && second.score >= RIVAL_MIN && second.score >= RIVAL_SHARE * bestScore) (ctx.rivals ??= []).push({ fact: rivalOf, value: pick(second) });
  }
  return weakIfAliasOnly(best, bestScore);
}

/** A form's line that names a product or module: "Product: Regie", "**Onderdeel:** Abonnementen". */
const LABEL_LINE: Readonly<Record<string, RegExp>> = {
  product: /^[ \t]*\*{0,2}(?:product|applicatie|application|software|pakket)\*{0,2}[ \t]*:\*{0,2}[ \t]*([^\n]{1,60})$/im,
  module: /^[ \t]*\*{0,2}(?:module|onderdeel|component)\*{0,2}[ \t]*:\*{0,2}[ \t]*([^\n]{1,60})$/im,
};

/** The value a form's line gives a fact, normalised and padded with spaces, or undefined. */
function labelledLine(description: string, fact: string): string | undefined {
  const re = LABEL_LINE[fact];
  const m = re === undefined || !description.includes(':') ? null : re.exec(description);
  return m === null ? undefined : padNormalized(m[1] as string);
}

/**
 * A rival needs more than one mention of its name (a name counts 3, an alias 1) and this share of
 * the winner's evidence: a product named once in passing ("payroll cut-off is Wednesday") is no rival.
 */
const RIVAL_MIN = 4;
const RIVAL_SHARE = 0.6;

/** A clause of the description, normalised and padded, and whether it says something works. */
interface Clause {
  readonly text: string;
  readonly fine: boolean;
}
const FINE = /\b(?:(?:gaat|gaan|werkt|werken|loopt|lopen|doet|doen)(?: het)?(?: wel| gewoon| nog)* (?:goed|prima|normaal)|(?:gaat|gaan|werkt|werken|doet|doen) het wel|klopt(?: het)? wel|kloppen wel|zijn (?:wel )?(?:goed|correct)|geen (?:probleem|problemen)|works? (?:fine|ok|okay|well|correctly|normally|as expected)|(?:is|are) (?:fine|correct|ok|okay|working fine)|no (?:problem|problems|issue|issues))\b/;

/** Each ticket's clauses, split once for every fact that weighs a choice (product, module). */
const CLAUSES = new WeakMap<EvalContext, readonly Clause[]>();
function clausesOf(ctx: EvalContext): readonly Clause[] {
  let clauses = CLAUSES.get(ctx);
  if (clauses === undefined) CLAUSES.set(ctx, (clauses = descriptionClauses(ctx.item.description)));
  return clauses;
}

/** The description's clauses, split at sentence ends and at "but"/"maar". */
export function descriptionClauses(description: string): Clause[] {
  return description.split(/[.;!?\n]+|,\s*(?=(?:maar|but)\b)/i).map((c) => {
    const text = ` ${normalizeText(c)} `;
    return { text, fine: FINE.test(text) };
  });
}

/**
 * The weight of a value's phrases found in the description only in clauses that say it works, and
 * whether its own name is found only there.
 */
function saidToWork(w: WordValue, description: PhraseHits, clauses: readonly Clause[]): { weight: number; names: boolean } {
  const { marks, base, mark } = description;
  let off = 0;
  let names = false;
  let namedElsewhere = false;
  for (let i = 0; i < w.ids.length; i++) {
    if (marks[base + (w.ids[i] as number)] !== mark) continue;
    const phrase = ` ${w.phrases[i] as string} `;
    let inFine = false;
    let elsewhere = false;
    for (const c of clauses) {
      if (!c.text.includes(phrase)) continue;
      if (c.fine) inFine = true;
      else elsewhere = true;
    }
    const naming = w.weights[i] === 3;
    if (inFine && !elsewhere) {
      off += w.weights[i] as number;
      if (naming) names = true;
    } else if (naming) namedElsewhere = true;
  }
  return { weight: off, names: names && !namedElsewhere };
}

function pick(f: { readonly w: WordValue; readonly inSubject: number; readonly score: number }): FactValue {
  return weakIfAliasOnly(f.inSubject > 0 ? f.w.fromSubject : f.w.fromDescription, f.score);
}

function weakIfAliasOnly(best: FactValue, bestScore: number): FactValue {
  // Only aliases, in the description: a "timesheets" in a URL is weaker than "Planner".
  if (bestScore >= 3 || best.source !== 'description') return best;
  const weak = { ...best };
  ALIAS_ONLY.add(weak);
  return weak;
}

/** The word-list values found by an alias alone: an object of their own, so the mark is per ticket. */
const ALIAS_ONLY = new WeakSet<FactValue>();

/** Products named only by a module of theirs: a contract check keeps them only when the contract covers them. */
const BY_MODULE = new WeakSet<FactValue>();

/** True when the product was not named but inferred from a module only that product has. */
export function inferredFromModule(value: FactValue | undefined): boolean {
  return value !== undefined && BY_MODULE.has(value);
}

/** True when a fact was found in the description by an alias only, never by a phrase naming its value. */
export function foundByAliasOnly(value: FactValue | undefined): boolean {
  return value !== undefined && ALIAS_ONLY.has(value);
}

function wordsFor(f: CompiledFact, found: Readonly<Record<string, FactValue>>): readonly WordValue[] {
  if (f.scoped === undefined) return f.words;
  const by = found[f.scoped.by]?.value;
  return (by === undefined ? undefined : f.scoped.words.get(normalizeKey(by))) ?? f.words;
}

/** `weighRivals` false: a look that must not record a rival (the unscoped look for a module's product). */
function resolveOne(f: CompiledFact, ctx: EvalContext, resolved: Readonly<Record<string, FactValue>>, weighRivals = true): FactValue | undefined {
  const value = fieldText(ctx.item.fields[f.field]);
  if (value !== undefined) return { value, source: 'field' };
  const forced = ctx.forced;
  if (forced !== undefined && forced.fact === f.name) return forced.value;
  const words = wordsFor(f, resolved);
  let found: FactValue | undefined;
  if (f.pattern !== undefined) {
    if (f.subject) found = fromPattern(f.pattern, ctx.item.subject, 'subject');
    if (found === undefined && f.description) found = fromPattern(f.pattern, ctx.item.description, 'description');
  }
  if (found === undefined && words.length > 0) {
    const rivalOf = weighRivals && ctx.forced === undefined && RIVAL_FACTS.has(f.name) ? f.name : undefined;
    found = fromWords(words, f.subject ? ctx.subjectHits() : null, f.description ? ctx.descriptionHits() : null, ctx, f.scope, rivalOf, NAMED_BY_ID.has(f.name) ? f.name : undefined);
  }
  return found ?? f.fallback;
}

/** True when a phrase names the canonical value itself: "connect", "veldhuis connect", "tax-filing". */
function names(phrase: string, value: string): boolean {
  const p = ` ${normalizeText(phrase)} `;
  return p.includes(` ${normalizeText(value)} `);
}

function compileWords(list: WordList, env: CompileEnv, own: WordList = {}, tails: WordList = {}): WordValue[] {
  return Object.entries(list).map(([value, phrases]) => {
    const weights = phrases.map((p) => (names(p, value) || (Object.hasOwn(own, value) && (own[value] as readonly string[]).some((n) => names(p, n))) ? 3 : 1));
    const normalized = phrases.map((p) => normalizeText(p));
    const paddedTails = Object.hasOwn(tails, value) ? (tails[value] as readonly string[]).map((t) => ` ${normalizeText(t)} `) : [];
    return {
      ids: phrases.map((p) => env.phrases.add(p)),
      weights,
      tailIds: Object.hasOwn(tails, value) ? (tails[value] as readonly string[]).map((t) => env.phrases.add(t)) : [],
      paddedTails,
      versionNames: [...normalized.filter((_, i) => weights[i] === 3).map((p) => ` ${p} `), ...paddedTails],
      phrases: normalized,
      fromSubject: { value, source: 'subject' as const },
      fromDescription: { value, source: 'description' as const },
    };
  });
}

function compileScoped(s: ScopedWords, env: CompileEnv, own: WordList | undefined): CompiledFact['scoped'] {
  // Several values (a product's id, name and aliases) share one list: compile it once.
  const compiled = new Map<WordList, readonly WordValue[]>();
  const words = new Map<string, readonly WordValue[]>();
  for (const [value, list] of s.words) {
    let w = compiled.get(list);
    if (w === undefined) compiled.set(list, (w = compileWords(list, env, own)));
    words.set(value, w);
  }
  return { by: s.by, words, owners: s.owners };
}

/** Facts whose runner-up value is weighed against the winner's verdict. */
const RIVAL_FACTS: ReadonlySet<string> = new Set(['product', 'module']);

/** Facts whose values are products or modules: as in the catalogue, a value's id names it too. */
const NAMED_BY_ID: ReadonlySet<string> = new Set(['product', 'module']);

/** `finance: [boekhouding, grootboek]` finds "Finance" as well: an admin need not repeat the id. */
function withIds(list: WordList): WordList {
  return Object.fromEntries(Object.entries(list).map(([value, phrases]) => [value, phrases.some((p) => normalizeText(p) === normalizeText(value)) ? phrases : [value, ...phrases]]));
}

function compileFact(name: string, def: FactDefinition, env: CompileEnv, scoped: ScopedWords | undefined, own?: WordList, tails?: WordList): CompiledFact {
  const scope = def.in ?? 'both';
  return {
    name,
    // A fact without an explicit field reads the logical field of its own name.
    field: def.field ?? name,
    subject: scope !== 'description',
    description: scope !== 'subject',
    scope: scope === 'subject' ? TEXT_SUBJECT : scope === 'description' ? TEXT_DESCRIPTION : TEXT_BOTH,
    pattern: def.pattern === undefined ? undefined : compileRegex(def.pattern, `fact "${name}" (pattern)`, def.caseSensitive),
    words: compileWords(NAMED_BY_ID.has(name) ? withIds(def.words ?? {}) : def.words ?? {}, env, own, tails),
    scoped: scoped === undefined ? undefined : compileScoped(scoped, env, own),
    fallback: def.default === undefined ? undefined : { value: def.default, source: 'default' },
  };
}

/** A catalogue product's own way of writing its version ("fw 407" → "$1.$2"). */
export interface CompiledVersionPattern {
  /** Global: every match is rewritten. */
  readonly re: RegExp;
  readonly template: string | undefined;
}

const fill = (template: string | undefined, m: RegExpMatchArray): string =>
  (template === undefined ? (m[1] ?? m[0]) : template.replace(/\$(\d+)/g, (_, n: string) => m[Number(n)] ?? '')).trim();
const HAS_DIGIT = /\d/;

/**
 * The text as the built-in reading understands it: each match of the product's patterns written as a
 * version ("12.4p3" → " v12.4.3 "), so that the name beside it, an upgrade "from … to …" and a rival
 * count as for any version; a match whose template gives no number ("tablet" for "iPadOS 17.6")
 * is hidden, as the administrator says it is no version of the product. `first`: the first version built.
 */
export function rewriteVersions(patterns: readonly CompiledVersionPattern[], text: string, hide = true, names: readonly string[] = []): { text: string; first: string | undefined } {
  let out = text;
  let first: string | undefined;
  for (const { re, template } of patterns) {
    let rebuilt = '';
    let from = 0;
    for (const m of out.matchAll(re)) {
      const value = fill(template, m);
      const numbered = HAS_DIGIT.test(value);
      if (numbered) first ??= value;
      const end = m.index + m[0].length;
      // "fw 407-rc.1": the pre-release part stays glued to the version built, as it was to the match.
      const glued = numbered && PRERELEASE_TAIL.test(out.slice(end, end + 16));
      // What is hidden leaves at most one space: a run of them would look like a table's columns
      // ("tag 12345 werkt niet" hidden is no row whose columns say what "firmware 2.9.4" is).
      const gap = m.index > 0 && /\s/.test(out.charAt(m.index - 1)) ? '' : ' ';
      // Not hiding (the kind's reading): the words a pattern matches before its version ("to 8.4",
      // "fw 4.2.1") stay, so that "from 8.3.4 to 8.4" still reads as an upgrade.
      // Hiding (the facts' reading), the product's name the match holds ("Print 11.6.9") stays too:
      // it is what ties the version to the product against another number told beside it.
      const at = numbered && m[1] !== undefined ? m[0].indexOf(m[1]) : -1;
      const versionAt = !hide || (at > 0 && names.some((n) => padNormalized(m[0].slice(0, at)).includes(` ${n} `))) ? at : -1;
      const before = versionAt > 0 ? m[0].slice(0, versionAt) : '';
      rebuilt += `${out.slice(from, m.index)}${numbered ? `${before} v${value}${glued ? '' : ' '}` : hide ? gap : m[0]}`;
      from = end;
    }
    out = rebuilt + out.slice(from);
  }
  return { text: out, first };
}

/** Whether a product's own patterns find a version of it in the text (evidence of the product when no name is). */
function namesByVersion(patterns: readonly CompiledVersionPattern[], text: string): boolean {
  for (const { re, template } of patterns) {
    for (const m of text.matchAll(re)) if (HAS_DIGIT.test(fill(template, m))) return true;
  }
  return false;
}

/**
 * Compiles the fact definitions, in order, into one resolver that fills `ctx.facts`. `productWords`
 * maps each product to the words that name it, so that the built-in version is the one next to it.
 */
export function compileFacts(
  defs: Readonly<Record<string, FactDefinition>>,
  env: CompileEnv,
  scoped: Readonly<Record<string, ScopedWords>> = {},
  productWords: ReadonlyMap<string, readonly string[]> = new Map(),
  catalogue: Pick<CatalogueFacts, 'ownNames' | 'versionNames'> & {
    readonly wholeReleases?: ReadonlySet<string>;
    readonly yearReleases?: ReadonlySet<string>;
    readonly versionPatterns?: ReadonlyMap<string, { readonly product: string; readonly patterns: readonly CompiledVersionPattern[] }>;
  } = {},
): FactResolver {
  const wholeReleases = catalogue.wholeReleases ?? new Set<string>();
  const yearReleases = catalogue.yearReleases ?? new Set<string>();
  const versionPatterns = catalogue.versionPatterns ?? new Map<string, { readonly product: string; readonly patterns: readonly CompiledVersionPattern[] }>();
  const own = catalogue.ownNames ?? {};
  const facts = Object.entries(defs).map(([name, def]) => compileFact(
    name, def, env, Object.hasOwn(scoped, name) ? scoped[name] : undefined,
    Object.hasOwn(own, name) ? own[name] : undefined, name === 'product' ? catalogue.versionNames : undefined,
  )).map((f) => (f.name !== 'product' || versionPatterns.size === 0 ? f : {
    ...f,
    words: f.words.map((w) => {
      const ownPatterns = versionPatterns.get(normalizeKey(w.fromSubject.value))?.patterns;
      return ownPatterns === undefined ? w : { ...w, ownPatterns };
    }),
  }));
  const allProductWords = [...productWords.values()].flat();
  const source = (ctx: EvalContext, value: string): FactSource => (ctx.item.subject.includes(value) ? 'subject' : 'description');
  // Built-ins read the customer's own words: the subject and the description without quoted replies.
  const text = (ctx: EvalContext): string => `${ctx.item.subject}\n${ctx.body()}`;
  /** One built-in fact, looked for on first read; shared by every triage, so it allocates nothing per item. */
  function findBuiltIn(name: string, ctx: EvalContext): FactValue | undefined {
    switch (name) {
      case 'version': {
        if (ctx.forced?.fact === 'version') return ctx.forced.value;
        const product = ctx.fact('product')?.value;
        const own = product === undefined ? undefined : versionPatterns.get(normalizeKey(product))?.patterns;
        const words = product === undefined ? [] : productWords.get(product.toLowerCase()) ?? [normalizeText(product)];
        const rewritten = own === undefined ? undefined : rewriteVersions(own, text(ctx), true, words);
        ctx.versionText = rewritten?.text;
        if (rewritten === undefined && !mayReadVersion(ctx.item.subject, ctx.item.description)) return undefined;
        // "Het versienummer kan ik niet vinden": a number read elsewhere (a build, another
        // device's model) is not the version the customer just said they do not know.
        const disclaimed = disclaimedVersion(text(ctx));
        if (disclaimed !== undefined) {
          ctx.versionClaim = disclaimed;
          return undefined;
        }
        const found = findVersion(rewritten?.text ?? text(ctx), words, allProductWords, product !== undefined && wholeReleases.has(normalizeKey(product)), product !== undefined && yearReleases.has(normalizeKey(product)));
        // The product's own pattern found a version the scoring did not take: the administrator's word.
        if (found.value === undefined && rewritten?.first !== undefined) return { value: rewritten.first, source: source(ctx, rewritten.first) };
        if (found.claimed !== undefined) ctx.versionClaim = found.claimed;
        if (found.target !== undefined) ctx.versionTarget = found.target;
        // Two versions read nearly as surely: the decision is checked with the other one too (see decide).
        if (found.rival !== undefined && ctx.forced === undefined) (ctx.rivals ??= []).push({ fact: 'version', value: { value: found.rival, source: source(ctx, found.rival) } });
        return found.value === undefined ? undefined : { value: found.value, source: source(ctx, found.value) };
      }
      case 'errorText': {
        const error = findErrorText(text(ctx), ctx.item.id);
        return error === undefined ? undefined : { value: error, source: source(ctx, error) };
      }
      case 'steps': {
        const steps = findSteps(ctx.body());
        return steps === undefined ? undefined : { value: steps, source: 'description' };
      }
      case 'language':
        return { value: detectLanguage(text(ctx)), source: 'description' };
      case 'kind':
        return { value: ctx.kind.kind, source: 'description' };
      default:
        return undefined;
    }
  }
  return (ctx) => {
    const out: Record<string, FactValue> = {};
    for (const f of facts) {
      let v = resolveOne(f, ctx, out);
      // "Cijfers > Invoer > … > toets H3": a product found by one alias ("toets") yields to a module
      // of another product named by its own name, which says which product it is.
      const scope = f.scoped;
      const weakBy = scope?.owners !== undefined ? out[scope.by] : undefined;
      if (scope?.owners !== undefined && weakBy !== undefined && ALIAS_ONLY.has(weakBy) && ctx.forced === undefined) {
        const anyModule = resolveOne(f, ctx, {}, false);
        const owner = anyModule === undefined || ALIAS_ONLY.has(anyModule) ? undefined : scope.owners.get(normalizeKey(anyModule.value));
        if (anyModule !== undefined && owner !== undefined && normalizeKey(owner) !== normalizeKey(weakBy.value)) {
          out[scope.by] = { value: owner, source: anyModule.source };
          v = anyModule;
        }
      }
      if (v !== undefined) out[f.name] = v;
      // A module of one product only, found while no product was, names that product.
      if (v === undefined || scope?.owners === undefined || out[scope.by] !== undefined) continue;
      const owner = scope.owners.get(normalizeKey(v.value));
      if (owner === undefined) continue;
      const inferred: FactValue = { value: owner, source: v.source };
      BY_MODULE.add(inferred);
      out[scope.by] = inferred;
    }
    // No product named, but one product's own way of writing its version is in the text ("Meet
    // 26w44"): that product, when no other product's pattern finds one too.
    if (out['product'] === undefined && versionPatterns.size > 0 && ctx.forced?.fact !== 'product') {
      const all = text(ctx);
      const named = [...versionPatterns.values()].filter((v) => namesByVersion(v.patterns, all));
      if (named.length === 1) out['product'] = { value: (named[0] as { product: string }).product, source: 'description' };
    }
    // A built-in the config does not declare still reads its logical field first, as a declared fact does.
    for (const name of BUILT_IN_FACTS) {
      if (out[name] !== undefined) continue;
      const value = fieldText(ctx.item.fields[name]);
      if (value !== undefined) out[name] = { value, source: 'field' };
    }
    // The rest are looked for when read (see EvalContext.fact).
    ctx.findBuiltIn = findBuiltIn;
    ctx.pending = PENDING_ALL;
    return out;
  };
}
