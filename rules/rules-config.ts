// The part of the coverage config that the engine compiles. The connectors' loader validates the
// file (YAML or JSON) into this shape; the engine trusts it and never parses text at evaluation time.
import type { ContractState, Localized, RequestKind } from './model.js';

/** Where a text condition looks. */
export type TextScope = 'subject' | 'description' | 'both';

/**
 * The closed set of conditions. Exactly one kind per object, so that a condition reads as one
 * sentence in YAML: `{ all: [...] }`, `{ text: { phrases: [...] } }`, `{ fact: product, in: [...] }`.
 */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | FactCondition
  | { readonly text: TextMatch }
  | { readonly tags: TagMatch }
  | { readonly attachments: AttachmentMatch }
  | { readonly contract: ContractState | readonly ContractState[] }
  | { readonly contractLevel: readonly string[] }
  | { readonly kind: RequestKind | readonly RequestKind[] }
  | NamedConditionRef;

/** `{ condition: name }`: the condition declared under the config's `conditions` by that name. */
export interface NamedConditionRef {
  readonly condition: string;
}

/**
 * A test on one named fact. Built-in facts: subject, description, form, priority, channel,
 * organization (id or name), requesterDomain; plus every fact declared under `facts` and every
 * logical field name. Exactly one operator is set.
 */
export interface FactCondition {
  readonly fact: string;
  readonly present?: boolean;
  readonly equals?: string;
  readonly in?: readonly string[];
  /** A regular expression (JavaScript syntax), matched case-insensitively unless `caseSensitive`. */
  readonly matches?: string;
  /** `matches` tells upper from lower case. */
  readonly caseSensitive?: boolean;
  /** The fact's text has at least this many words. */
  readonly minWords?: number;
}

/** Case- and diacritics-insensitive matching of whole words and phrases, or a regular expression. */
export interface TextMatch {
  readonly in?: TextScope;
  /** Matches when any phrase occurs as whole words ("hoe stel ik" does not match "hoe stellen"). */
  readonly phrases?: readonly string[];
  /** Matches when any word occurs as a whole word. */
  readonly words?: readonly string[];
  /** Matches when the (un-normalised) text matches, case-insensitively unless `caseSensitive`. */
  readonly regex?: string;
  /** `regex` tells upper from lower case; phrases and words always ignore case. */
  readonly caseSensitive?: boolean;
}

export interface TagMatch {
  readonly any?: readonly string[];
  readonly all?: readonly string[];
  readonly none?: readonly string[];
}

export interface AttachmentMatch {
  readonly min: number;
  /** File extensions (without dot) or MIME type prefixes such as `image/`. */
  readonly types?: readonly string[];
}

/**
 * How a fact is found: from a logical field first, else extracted from the text with a pattern
 * (first capture group, or the whole match) or a word list (phrase → canonical value), else a default.
 */
export interface FactDefinition {
  readonly field?: string;
  readonly pattern?: string;
  /** `pattern` tells upper from lower case. */
  readonly caseSensitive?: boolean;
  readonly words?: Readonly<Record<string, readonly string[]>>;
  readonly in?: TextScope;
  readonly default?: string;
}

export interface ContractProduct {
  readonly product: string;
  /** Covered modules; absent means every module. */
  readonly modules?: readonly string[];
  /**
   * Supported versions; absent means every version. Each entry is an exact version (`9.2`),
   * a wildcard (`9.x`, `9.*`) or a range of comparators (`>=8.0 <10`).
   */
  readonly versions?: readonly string[];
}

export interface OrganizationMatch {
  readonly organizationIds?: readonly string[];
  readonly organizationNames?: readonly string[];
  readonly emailDomains?: readonly string[];
}

export interface MonthlyBudget {
  readonly hours?: number;
  readonly amount?: number;
}

export interface ContractDefinition {
  readonly id: string;
  readonly name: string;
  readonly match: OrganizationMatch;
  readonly level: string;
  /** First day the contract is active, `YYYY-MM-DD` in the contract's time zone. */
  readonly validFrom: string;
  /** Last day the contract is active (inclusive); absent means open-ended. */
  readonly validUntil?: string;
  /** IANA time zone, e.g. `Europe/Amsterdam`. */
  readonly timeZone: string;
  readonly products: readonly ContractProduct[];
  readonly autoApprove?: boolean;
  readonly hourlyRate?: number;
  readonly currency?: string;
  readonly estimateHours?: number;
  readonly monthlyBudget?: MonthlyBudget;
}

export interface CompletenessRule {
  readonly id: string;
  /** The rule applies only when this holds (e.g. "an error report needs the error text"). */
  readonly when?: Condition;
  /** What must hold for the request to be complete. */
  readonly require: Condition;
  /** What to ask the customer for when `require` fails. */
  readonly missing: Localized;
  /**
   * `when-it-decides`: asked only when its answer could change the outcome, never just because a
   * covered Call's handling would like it (the module, for a contract that covers some modules).
   * Default `when-needed`: also asked for a covered Call (a defect's version, error text, steps).
   * `never`: never asked of the customer; when its answer could change the outcome, a person decides
   * (`review`), as for a vendor whose procedure says the module follows from the description.
   */
  readonly ask?: 'when-needed' | 'when-it-decides' | 'never';
}

export interface CoverageRule {
  readonly id: string;
  readonly when: Condition;
  readonly verdict: 'covered' | 'advisory' | 'review';
  /** Why, in words a customer understands. */
  readonly reason: Localized;
  readonly autoApprove?: boolean;
  readonly estimateHours?: number;
  /**
   * `advisory` only. Absent or `send`: the verdict's proposal draft (hours × rate) is sent. `none`:
   * the request is still advisory, but its draft says `send: false` and no proposal is made: for a
   * thank-you, an invoice question, a renewal quote; an agent may make one by hand.
   */
  readonly proposal?: 'send' | 'none';
}

export interface RulesDefaults {
  readonly timeZone: string;
  readonly hourlyRate: number;
  readonly currency: string;
  readonly estimateHours: number;
}

/** Per kind, cue words or phrases added to or removed from the built-ins; and the confidence below which the kind is uncertain. */
export type KindTuning = {
  readonly [K in RequestKind]?: { readonly add?: readonly string[]; readonly remove?: readonly string[] };
} & {
  readonly minConfidence?: number;
  /**
   * Absent or true: when the cues leave the kind open between a kind a contract covers and one it
   * does not, the built-in learned model (kind-model.ts) settles it if it is sure. False: review.
   */
  readonly learned?: boolean;
};

/**
 * `relevant` (the default): a missing item is asked for only when it could change the outcome, or
 * when the outcome is a covered Call whose handling needs it. `always`: every missing item is
 * asked for before coverage is decided.
 */
export type CompletenessMode = 'relevant' | 'always';
/** A module of a catalogue product; its id, name and aliases are the words that name it in a ticket. */
export interface CatalogueModule {
  readonly id: string;
  readonly name?: string;
  readonly aliases?: readonly string[];
}

/**
 * A product of the catalogue. Contracts name products and modules by these ids; the `product` and
 * `module` facts are found from the id, name and aliases unless `facts` gives them words or a pattern.
 */
export interface CatalogueProduct {
  readonly id: string;
  readonly name?: string;
  readonly aliases?: readonly string[];
  readonly modules?: readonly CatalogueModule[];
  /** false: the product has no version numbers, so a rule asking only for the version never asks it. */
  readonly versioned?: boolean;
  /** How this product's customers write its version, tried before the built-in reading (for this product only). */
  readonly versionPatterns?: readonly VersionPattern[];
  /**
   * Whether a contract that covers a range of this product's versions covers its pre-releases inside
   * that range ("5.4.0-rc.1", "4.7 preview", "26.1 beta"). Absent: the contract does not say, so a
   * request about one that would be covered goes to a person.
   */
  readonly prereleases?: 'covered' | 'not-covered';
}

/** "fw 407" → 4.07: the pattern finds it, `version` builds the value from its groups ($1, $2…). */
export interface VersionPattern {
  readonly pattern: string;
  /** Default: the first capture group, or the whole match. */
  readonly version?: string;
  readonly caseSensitive?: boolean;
}

/** What the verdict says when no rule decides. */
export interface ReviewSettings {
  readonly reason: Localized;
}

export interface RulesConfig {
  readonly defaults: RulesDefaults;
  readonly facts: Readonly<Record<string, FactDefinition>>;
  readonly contracts: readonly ContractDefinition[];
  readonly completeness: readonly CompletenessRule[];
  readonly completenessMode?: CompletenessMode;
  readonly coverage: readonly CoverageRule[];
  readonly kinds?: KindTuning;
  /** The product catalogue; absent: products and modules are whatever `facts` finds. */
  readonly products?: readonly CatalogueProduct[];
  /** Conditions referenced by name as `{ condition: name }`; no cycles (the loader checks). */
  readonly conditions?: Readonly<Record<string, Condition>>;
  /** Absent: the built-in review reason (messages.ts). */
  readonly review?: ReviewSettings;
}
