// Per-triage working state: the item, its resolved facts and contract, and the phrase hits of
// subject and description, each computed at most once and only when something asks for them.
import type { CompiledCondition } from './compiled-condition.js';
import type { ContractState, ContractSummary, FactValue, FieldValue, KindVerdict, WorkItem } from './model.js';
import { itemOwnTextParts } from './mail-text.js';
import { normalizeText } from './normalize-text.js';
import type { PhraseHits, PhraseIndex } from './phrase-index.js';
import type { ContractDefinition } from './rules-config.js';

/** The contract as resolved for one item; see `compileContracts`. */
export interface ResolvedContract {
  readonly id: string;
  readonly def: ContractDefinition;
  readonly levelKey: string;
  readonly summary: ContractSummary;
  /** The compiled contract, opaque outside compile-contracts.ts. */
  readonly compiled?: unknown;
}

/** Which of the item's texts a fact reads: the subject, the description, or both (bits). */
export type TextScope = 1 | 2 | 3;
export const TEXT_SUBJECT = 1;
export const TEXT_DESCRIPTION = 2;
export const TEXT_BOTH = 3;

/** What compiling conditions and facts needs to share. */
export interface CompileEnv {
  readonly declared: ReadonlySet<string>;
  readonly phrases: PhraseIndex;
  /** The compiled named condition, or undefined when there is none by that name. */
  readonly named?: (name: string) => CompiledCondition | undefined;
}

const NO_FACTS: ReadonlySet<string> = new Set();
const DIGIT = /\d/;
const NO_NAMES: readonly string[] = [];
const NO_STATES: readonly ContractState[] = [];
// Shared defaults: a context is made per triage, and a function per field per context showed in profiles.
const FIND_NOTHING = (): FactValue | undefined => undefined;
const NO_CLASSIFIER = (): KindVerdict => UNSET_KIND;
const UNSET_KIND: KindVerdict = { kind: 'other', confidence: 0, certain: false, candidates: ['other', 'defect'], cues: [], scores: {} };

/**
 * The built-in facts and the request kind cost more than the rest of a triage together, and most
 * configs read few of them: they are found on first read (`fact`, `kind`), and all of them only
 * when the verdict's facts are read (`allFacts`).
 */
export class EvalContext {
  /** The facts found so far; read them through `fact`, which finds a pending built-in on demand. */
  facts: Record<string, FactValue> = {};
  /** Built-in facts that may still be looked for, in the order the verdict lists them. */
  pending: readonly string[] = NO_NAMES;
  /** Looks for one built-in fact (see compile-facts.ts). */
  findBuiltIn: (name: string, ctx: EvalContext) => FactValue | undefined = FIND_NOTHING;
  #looked = 0;
  /** Reads the request kind from the text, once. */
  classifyKind: (ctx: EvalContext) => KindVerdict = NO_CLASSIFIER;
  contract: ResolvedContract | null = null;
  contractState: ContractState = 'none';
  #kind: KindVerdict | undefined;
  /** Facts treated as unknown by `maybe`: those a failing completeness rule asks for. */
  unknown: ReadonlySet<string> = NO_FACTS;
  /** The contract states still possible given `unknown`; `[contractState]` when nothing is unknown. */
  possibleStates: readonly ContractState[] = NO_STATES;
  /** A fact's value imposed instead of the one found: its rival's, to see whether it decides otherwise. */
  forced: { readonly fact: string; readonly value: FactValue } | undefined;
  /** Values of product or module with nearly the winner's evidence (see compile-facts.ts). */
  rivals: { readonly fact: string; readonly value: FactValue }[] | undefined;
  /** Set when a condition read the item's attachments (see `Verdict.readAttachments`). */
  attachmentsRead = false;
  /** A version claimed without a number ("the latest"), for the trace. */
  versionClaim: string | undefined;
  /** The version an upgrade or download is asked for, when the text names one (see builtin-facts.ts). */
  versionTarget: string | undefined;
  /** The text as the product's own version patterns rewrote it: what they hide is no unread version. */
  versionText: string | undefined;
  /** A version read that does not say which release the contract's ranges need ("10" against >=10.2). */
  versionPartial: string | undefined;
  /** A pre-release version read inside the contract's range, for a product whose catalogue entry does not say whether pre-releases are covered. */
  prerelease: string | undefined;
  private ownBody: string | undefined;
  private forwardedAt = -1;
  /** `paddedText` per scope; index 0 unused. */
  private padded: [undefined, string | undefined, string | undefined, string | undefined] | undefined;
  private subject: PhraseHits | undefined;
  private description: PhraseHits | undefined;
  private lowerTags: readonly string[] | undefined;
  /** The scopes (TEXT_* bits) that hold a digit; -1 until asked. */
  private digits = -1;

  constructor(readonly item: WorkItem, private readonly phrases: PhraseIndex) {}

  subjectHits(): PhraseHits {
    if (this.subject === undefined || !this.phrases.isCurrent(this.subject)) this.subject = this.phrases.scan(this.item.subject, 0);
    return this.subject;
  }

  descriptionHits(): PhraseHits {
    if (this.description === undefined || !this.phrases.isCurrent(this.description)) {
      this.description = this.phrases.scan(withoutGreeting(this.item.description), 1);
    }
    return this.description;
  }

  /** A fact by name: found, or looked for now when it is a pending built-in. */
  fact(name: string): FactValue | undefined {
    const found = this.facts[name];
    if (found !== undefined) return found;
    const i = this.pending.indexOf(name);
    // Each built-in is looked for once (a bit per name), found or not.
    if (i < 0 || (this.#looked & (1 << i)) !== 0) return undefined;
    this.#looked |= 1 << i;
    const value = this.findBuiltIn(name, this);
    if (value !== undefined) this.facts[name] = value;
    return value;
  }

  /** Every fact, the pending built-ins looked for. */
  allFacts(): Record<string, FactValue> {
    for (const name of this.pending) this.fact(name);
    return this.facts;
  }

  /** The request kind, read on first use. */
  get kind(): KindVerdict {
    return (this.#kind ??= this.classifyKind(this));
  }

  set kind(kind: KindVerdict) {
    this.#kind = kind;
  }

  /**
   * The subject and/or the description (the raw description, quotes and all), normalised and padded
   * with spaces, as word lists are looked for in it: once per triage, whichever facts read it.
   */
  paddedText(scope: TextScope): string {
    const cache = (this.padded ??= [undefined, undefined, undefined, undefined]);
    let text = cache[scope];
    if (text === undefined) {
      const subject = (scope & TEXT_SUBJECT) === 0 ? '' : this.item.subject;
      const description = (scope & TEXT_DESCRIPTION) === 0 ? '' : this.item.description;
      cache[scope] = text = ` ${normalizeText(`${subject}\n${description}`)} `;
    }
    return text;
  }

  /**
   * Whether the subject and/or the description hold an ASCII digit: `paddedText(scope)` holds one
   * exactly then (no other character normalises into one), and a version number needs one, so a
   * text without any need not be normalised to look for a version after a name.
   */
  hasDigit(scope: TextScope): boolean {
    if (this.digits === -1) this.digits = (DIGIT.test(this.item.subject) ? TEXT_SUBJECT : 0) | (DIGIT.test(this.item.description) ? TEXT_DESCRIPTION : 0);
    return (this.digits & scope) !== 0;
  }

  /** The description without quoted replies, signatures and disclaimers (see mail-text.ts). */
  body(): string {
    if (this.ownBody === undefined) {
      const parts = itemOwnTextParts(this.item);
      this.ownBody = parts.text;
      this.forwardedAt = parts.forwardedAt;
    }
    return this.ownBody;
  }

  /** Where in `body()` the first forwarded message starts, below the customer's own words; -1 when none. */
  bodyForwardedAt(): number {
    this.body();
    return this.forwardedAt;
  }

  tags(): readonly string[] {
    return (this.lowerTags ??= this.item.tags.map((t) => t.toLowerCase()));
  }
}

/**
 * "Beste Reiger,", "Dear Lans support team,", "Hallo Reiger, in het portaal …": the salutation that
 * opens a message names the vendor, and a vendor's name may be what customers call one of its
 * products; no word of it says what the message is about.
 */
const GREETING = /^\s*(?:(?:beste|hallo|hoi|hey|hi|hello|dear|geachte|goedemorgen|goedemiddag|goedenavond|good\s+(?:morning|afternoon|evening))\b(?:[ \t]+[^\s,:;!.?]+){0,4}[ \t]*(?:[,!:]|(?=\r?\n))|dag(?:[ \t]+[^\s,:;!.?]+){0,3}[ \t]*[,!]?[ \t]*(?=\r?\n))/i;

function withoutGreeting(description: string): string {
  const m = GREETING.exec(description);
  return m === null ? description : ' '.repeat(m[0].length) + description.slice(m[0].length);
}

/** True when any of the phrase ids was found. */
export function foundAny(hits: PhraseHits, ids: readonly number[]): boolean {
  const { marks, base, mark } = hits;
  for (let i = 0; i < ids.length; i++) if (marks[base + (ids[i] as number)] === mark) return true;
  return false;
}

/** A custom field's value as text, or undefined when it is empty. */
export function fieldText(value: FieldValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? undefined : t;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const joined = value.filter((v) => v.trim() !== '').join(', ');
  return joined === '' ? undefined : joined;
}
