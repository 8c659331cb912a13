// Turns a verdict and the ticket's current state into the one change to write, or none. This is
// where the procedure's path is guarded and where InScope stays idempotent: its own updates come
// back as events, triage again to the same verdict, and plan no change (the loop guard).
import type { Locale, Localized, Verdict } from '../../rules/index.js';
import type { TicketChange, TicketState } from './helpdesk-port.js';
import { pickLocale, renderInternalNote, renderMissingInfoRequest } from './render-notes.js';

export type PathGuardMode = 'revert' | 'warn' | 'off';

export interface PlanOptions {
  readonly tagPrefix: string;
  readonly pathGuard: PathGuardMode;
  readonly requestMissingInfo: boolean;
  readonly agentLocale: Locale;
}

export interface PlanInput {
  readonly verdict: Verdict;
  readonly state: TicketState;
  /** Fingerprint of the last decision applied to this ticket, null when InScope never decided it. */
  readonly previousFingerprint: string | null;
  /** The event types this job carries. */
  readonly eventTypes: readonly string[];
  /**
   * An approval a manager gave with a reason (through the sidebar); the guard leaves it alone. The
   * sidebar also tags the ticket (`<prefix>override`), so the override survives any audit history.
   */
  readonly approvedOverride?: boolean;
}

export type PlanKind = 'decision' | 'guard' | 'noop';

export interface Plan {
  readonly kind: PlanKind;
  readonly change: TicketChange;
  readonly fingerprint: string;
  /** Why this plan, in words for the audit log. */
  readonly why: string;
  /** The language the change's comment is written in; absent without a comment. */
  readonly commentLocale?: Locale;
}

const OUTCOME_TAGS = ['incomplete', 'covered', 'advisory', 'review'] as const;

/** What identifies a decision for idempotence: same outcome, rule and missing items → nothing new to say. */
export function decisionFingerprint(verdict: Verdict): string {
  return `${verdict.outcome}|${verdict.rule ?? ''}|${verdict.missing.map((m) => m.id).join(',')}`;
}

/** FNV-1a, 32 bits: short enough for a tag, and only ever compared with itself. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The decision tag travels with the ticket in the same write as the decision, so the ticket itself
 * says which decision it carries: a worker killed after the write but before the audit entry does
 * not post the same note twice when its job is retried.
 */
export function decisionTag(fingerprint: string, prefix: string): string {
  return `${prefix}d_${shortHash(fingerprint)}`;
}

/** Set by the sidebar's Approve with a reason: the guard respects this approval. */
export function overrideTag(prefix: string): string {
  return `${prefix}override`;
}

function warnedTag(fingerprint: string, prefix: string): string {
  return `${prefix}w_${shortHash(fingerprint)}`;
}

function planTags(current: readonly string[], verdict: Verdict, fingerprint: string, prefix: string): readonly string[] | undefined {
  const outcomeTags = new Set(OUTCOME_TAGS.map((o) => prefix + o));
  const wanted = [prefix + verdict.outcome, decisionTag(fingerprint, prefix)];
  const next = current.filter((t) => wanted.includes(t) || !(outcomeTags.has(t) || t.startsWith(`${prefix}d_`)));
  for (const tag of wanted) if (!next.includes(tag)) next.push(tag);
  const same = next.length === current.length && next.every((t) => current.includes(t));
  return same ? undefined : next;
}

/** Moving to Approved is allowed for a complete, covered Call; anything else breaks the procedure. */
/** Why approving breaks the Call/New → Approved path, in the agents' language; null when it does not. */
const BREACHES: Readonly<Partial<Record<Verdict['outcome'], Localized>>> = {
  incomplete: { en: 'the request is incomplete', nl: 'de aanvraag onvolledig is' },
  advisory: {
    en: 'the request is not covered by the contract and has no accepted proposal',
    nl: 'de aanvraag niet onder het contract valt en er geen geaccepteerd voorstel is',
  },
  review: {
    en: 'no rule decided that the request is covered; the support manager must review it',
    nl: 'geen regel besliste dat de aanvraag gedekt is; de supportmanager moet haar beoordelen',
  },
};

function approvalBreaksPath(verdict: Verdict): Localized | null {
  return BREACHES[verdict.outcome] ?? null;
}

const GUARD_EVENTS = new Set(['ticket.status_changed', 'ticket.custom_field_changed', 'ticket.updated', 'jira:issue_updated']);

export function planDecision(input: PlanInput, options: PlanOptions): Plan {
  const { verdict, state } = input;
  const fingerprint = decisionFingerprint(verdict);
  const carried = state.tags.find((t) => t.startsWith(`${options.tagPrefix}d_`));
  const previous = carried === decisionTag(fingerprint, options.tagPrefix) ? fingerprint : (input.previousFingerprint ?? carried ?? null);
  const firstDecision = previous === null;
  const changed = previous !== fingerprint;
  const change: { -readonly [K in keyof TicketChange]: TicketChange[K] } = {};

  // The path guard: someone moved the ticket to Approved while the rules say it may not be.
  const override = input.approvedOverride === true || state.tags.includes(overrideTag(options.tagPrefix));
  const breach = state.status === 'approved' && !override ? approvalBreaksPath(verdict) : null;
  const guardEvent = input.eventTypes.some((t) => GUARD_EVENTS.has(t));
  // A warning is given once per decision: the marker tag travels in the same write as the note.
  const warned = warnedTag(fingerprint, options.tagPrefix);
  const alreadyWarned = options.pathGuard === 'warn' && state.tags.includes(warned);
  if (breach && guardEvent && options.pathGuard !== 'off' && !alreadyWarned) {
    const revert = options.pathGuard === 'revert';
    const words =
      options.agentLocale === 'nl'
        ? `${revert ? 'Teruggezet naar Nieuw' : 'Waarschuwing'}: goedgekeurd terwijl ${breach.nl}.`
        : `${revert ? 'Moved back to New' : 'Warning'}: approved while ${breach.en}.`;
    if (revert) change.status = 'new';
    if (state.category !== verdict.category) change.category = verdict.category;
    const tags = [...(planTags(state.tags, verdict, fingerprint, options.tagPrefix) ?? state.tags)];
    if (!revert) tags.push(warned);
    if (tags.length !== state.tags.length || tags.some((t) => !state.tags.includes(t))) change.tags = tags;
    change.comment = { body: renderInternalNote(verdict, options.agentLocale, words), public: false };
    return { kind: 'guard', change, fingerprint, why: `${options.pathGuard}: approved while ${breach.en}`, commentLocale: options.agentLocale };
  }

  if (state.category !== verdict.category && (changed || state.category === null)) change.category = verdict.category;
  // Status is set on the first decision only: after that, Approved and any later status belong to people.
  if (firstDecision && state.status !== 'approved' && state.status !== verdict.status) change.status = verdict.status;
  if (!firstDecision && verdict.status === 'approved' && changed && state.status !== 'approved') change.status = 'approved';
  // People may edit tags and fields after a decision; InScope only writes again when its decision changes.
  const tags = changed ? planTags(state.tags, verdict, fingerprint, options.tagPrefix) : undefined;
  if (tags) change.tags = tags;
  let commentLocale: Locale | undefined;
  if (changed) {
    const askCustomer = verdict.outcome === 'incomplete' && options.requestMissingInfo;
    commentLocale = askCustomer ? pickLocale(state.item.requesterLocale, options.agentLocale) : options.agentLocale;
    change.comment = askCustomer
      ? { body: renderMissingInfoRequest(verdict, commentLocale), public: true }
      : { body: renderInternalNote(verdict, commentLocale), public: false };
  }

  const empty = change.category === undefined && change.status === undefined && change.tags === undefined && change.comment === undefined;
  if (empty) return { kind: 'noop', change, fingerprint, why: 'already applied: same decision, nothing to change' };
  return { kind: 'decision', change, fingerprint, why: firstDecision ? 'first decision' : 'decision changed', ...(commentLocale === undefined ? {} : { commentLocale }) };
}
