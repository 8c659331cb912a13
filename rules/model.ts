// The domain model shared by every part of InScope. Helpdesk adapters map their payloads to a
// WorkItem; the engine returns a Verdict. Nothing here knows which helpdesk a ticket came from.

/** Text in the two languages InScope speaks to customers and agents. */
export interface Localized {
  readonly en: string;
  readonly nl: string;
}

export type Locale = keyof Localized;

export type FieldValue = string | number | boolean | readonly string[] | null;

export interface Attachment {
  readonly filename: string;
  readonly contentType?: string;
  readonly size?: number;
}

/** A support request as the engine sees it, independent of the helpdesk. */
export interface WorkItem {
  readonly id: string;
  readonly subject: string;
  readonly description: string;
  /** ISO 8601 instant the request was created. */
  readonly createdAt: string;
  readonly requesterEmail?: string;
  readonly requesterLocale?: string;
  readonly organizationId?: string;
  readonly organizationName?: string;
  readonly tags: readonly string[];
  readonly form?: string;
  readonly priority?: string;
  readonly channel?: string;
  /** Custom fields under their logical names (product, version, module, errorText…), mapped by the adapter. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly attachments: readonly Attachment[];
  /**
   * True when the adapter has not read the attachments yet (Zendesk keeps them on the comments, one
   * more API call) and `attachments` is empty for now. A verdict that read them says so in
   * `readAttachments`: the caller then reads them and triages again.
   */
  readonly attachmentsUnread?: boolean;
}

export type Outcome = 'incomplete' | 'covered' | 'advisory' | 'review';

/** Logical category and status; each adapter maps them to its helpdesk's values. */
export type Category = 'call' | 'advisory';
export type Status = 'new' | 'approved';

/** Where a fact came from; `contract` is the one product of a single-product contract when the ticket names none. */
export type FactSource = 'field' | 'subject' | 'description' | 'default' | 'contract';

export interface FactValue {
  readonly value: string;
  readonly source: FactSource;
}

export type ContractState =
  | 'none'
  | 'not-yet-active'
  | 'expired'
  | 'product-not-covered'
  | 'module-not-covered'
  | 'version-out-of-support'
  | 'active';

export interface ContractSummary {
  readonly id: string;
  readonly name: string;
  readonly level: string;
  readonly state: ContractState;
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly timeZone: string;
  readonly products: readonly string[];
  /** How the contract was found: 'organizationId' | 'organizationName' | 'emailDomain'. */
  readonly matchedBy: string;
}

export interface MissingItem {
  readonly id: string;
  readonly text: Localized;
}

export interface ProposalDraft {
  readonly hours: number;
  readonly hourlyRate: number;
  readonly currency: string;
  /** hours × hourlyRate, rounded to cents. */
  readonly amount: number;
  readonly reason: Localized;
  /** Where the hours came from, when the config's model has an hour estimator; absent without one. */
  readonly estimate?: HourEstimate;
  /**
   * false: the deciding rule has `proposal: none`: the request is advisory, but no proposal is made
   * or sent (the figures above are what one would cost, for an agent who makes one by hand).
   * Absent: the proposal is sent.
   */
  readonly send?: false;
}

/**
 * The basis of a proposal's hours under a learned hour estimator: the hours logged on similar past
 * requests of the same product and kind (`learned`), or the rule's estimate when fewer than
 * `minNeighbours` such requests were found (`rule`).
 */
export type HourEstimate =
  | {
      readonly source: 'learned';
      /** The median, times `correction` when there is one, rounded to the quarter hour: the proposal's hours. */
      readonly hours: number;
      readonly neighbours: number;
      readonly median: number;
      readonly low: number;
      readonly high: number;
      /** The recalibration applied to the median, when past estimates of this kind were off (e.g. 1.15: such requests took 15 % longer). */
      readonly correction?: number;
    }
  | { readonly source: 'rule'; readonly hours: number; readonly neighbours: number; readonly minNeighbours: number };

/** What one condition saw when it was evaluated. */
export interface ConditionTrace {
  readonly kind: string;
  /** The condition in words, e.g. `text has phrase "hoe stel ik"`. */
  readonly describe: string;
  readonly saw?: string;
  readonly passed: boolean;
  readonly children?: readonly ConditionTrace[];
}

export interface RuleTrace {
  readonly phase: 'completeness' | 'coverage';
  readonly ruleId: string;
  readonly passed: boolean;
  readonly decided: boolean;
  /** The rule could hold or not depending on what is missing or on an uncertain kind. */
  readonly open?: boolean;
  readonly condition?: ConditionTrace;
}

export interface Trace {
  readonly configHash: string;
  readonly facts: Readonly<Record<string, FactValue>>;
  readonly contract: string;
  readonly rules: readonly RuleTrace[];
  readonly decidedBy: string | null;
}

/** What the customer asks for: the procedure covers defects and new versions, not the rest. */
export type RequestKind = 'defect' | 'how-to' | 'own-implementation' | 'feature-request' | 'new-version' | 'other';

/** The request kind as read from the customer's own words, with what carried it. */
export interface KindVerdict {
  readonly kind: RequestKind;
  /** The winner's share of the two highest scores, 0.5–1 (0 when no cue fired). */
  readonly confidence: number;
  /** False when the text does not settle the kind: then both candidates are considered. */
  readonly certain: boolean;
  /** The two likeliest kinds, best first. */
  readonly candidates: readonly [RequestKind, RequestKind];
  /** The winner's cues that fired (at most 8). */
  readonly cues: readonly string[];
  /** Score per kind that had any cue. */
  readonly scores: Readonly<Record<string, number>>;
  /**
   * The cues of the runner-up kind, when it had any: what spoke against the winner, so that an
   * administrator tuning `kinds` sees both sides (at most 8).
   */
  readonly against?: { readonly kind: RequestKind; readonly cues: readonly string[] };
  /**
   * Set when the cues left the kind open between a covered and an uncovered candidate and the
   * learned model was asked: its probability of a covered kind and the words that carried it.
   */
  readonly learned?: { readonly covered: number; readonly features: readonly string[] };
}

/** A completeness item that was not asked for, and why. */
export interface NotAsked {
  readonly id: string;
  readonly why: string;
}

export interface Verdict {
  readonly outcome: Outcome;
  readonly category: Category;
  readonly status: Status;
  /** Completeness items that are missing, in rule order; empty unless outcome is `incomplete`. */
  readonly missing: readonly MissingItem[];
  /** The deciding rule's id, or null when no rule decided (a `review`). */
  readonly rule: string | null;
  readonly reasons: readonly Localized[];
  readonly contract: ContractSummary | null;
  readonly facts: Readonly<Record<string, FactValue>>;
  readonly proposal: ProposalDraft | null;
  readonly kind: KindVerdict;
  /** Missing items that could not change the outcome, so the customer is not asked for them. */
  readonly notAsked: readonly NotAsked[];
  readonly trace: Trace;
  /**
   * Whether deciding read the item's attachments. When it did not, no attachment could have changed
   * the verdict (evaluation stops at the first condition that settles an `any` or `all`), so an
   * adapter need not fetch them. Absent on verdicts not made by `triage`.
   */
  readonly readAttachments?: boolean;
}
