// One structured log line per decision, the same in shadow and live mode: what InScope decided for
// a ticket and the change it wrote (live) or would have written (shadow), so that a week of shadow
// mode reads like a rehearsal in any log tool. Comment bodies stay out of the log: they quote the
// customer; the audit log keeps them.
import type { Locale, Verdict } from '../../rules/index.js';
import type { TicketChange } from '../core/helpdesk-port.js';

export interface DecisionLogLine {
  readonly event: 'decision';
  /** ISO 8601 instant. */
  readonly at: string;
  readonly mode: 'live' | 'shadow';
  readonly helpdesk: string;
  readonly ticket: string;
  readonly job: number;
  readonly outcome: Verdict['outcome'];
  readonly rule: string | null;
  /** decision: a change; guard: the path guard acted; noop: the same decision was applied before. */
  readonly kind: 'decision' | 'guard' | 'noop';
  /** True only when the change reached the helpdesk. */
  readonly applied: boolean;
  /** What the change sets; absent when it leaves that value alone. */
  readonly category?: string;
  readonly status?: string;
  /** The complete new tag set. */
  readonly tags?: readonly string[];
  readonly comment?: { readonly public: boolean; readonly language: Locale | null; readonly attachments: number };
  readonly proposal?: string;
}

export interface DecisionLogInput {
  readonly at: number;
  readonly live: boolean;
  readonly helpdesk: string;
  readonly ticketId: string;
  readonly jobId: number;
  readonly verdict: Pick<Verdict, 'outcome' | 'rule'>;
  readonly kind: DecisionLogLine['kind'];
  readonly applied: boolean;
  readonly change: TicketChange;
  readonly commentLocale: Locale | null;
  readonly proposalNumber: string | null;
}

export function toDecisionLogLine(input: DecisionLogInput): DecisionLogLine {
  const { change } = input;
  const set = input.kind === 'noop' ? {} : change;
  return {
    event: 'decision',
    at: new Date(input.at).toISOString(),
    mode: input.live ? 'live' : 'shadow',
    helpdesk: input.helpdesk,
    ticket: input.ticketId,
    job: input.jobId,
    outcome: input.verdict.outcome,
    rule: input.verdict.rule,
    kind: input.kind,
    applied: input.applied,
    ...(set.category === undefined ? {} : { category: set.category }),
    ...(set.status === undefined ? {} : { status: set.status }),
    ...(set.solve === true ? { status: 'solved' } : {}),
    ...(set.tags === undefined ? {} : { tags: set.tags }),
    ...(set.comment === undefined ? {} : { comment: { public: set.comment.public, language: input.commentLocale, attachments: set.comment.attachments?.length ?? 0 } }),
    ...(input.proposalNumber === null ? {} : { proposal: input.proposalNumber }),
  };
}
