// What the worker does about proposals while it handles a ticket's job:
// - an advisory decision (first, or changed) gets a proposal: the planned write is replaced by one
//   that carries the category, status and tags plus the public comment with the PDF (or, held by the
//   budget policy, the internal note saying why); the store's decision key and the proposal's tag
//   make a retried job reuse the same number and never post the PDF twice;
// - a requester's reply "akkoord" / "accept" accepts the ticket's sent proposal;
// - an accepted proposal is an approval the path guard respects;
// - a proposal decision queued by the page, a reply or the sweep is written on the ticket once: the
//   marker tag in the same write tells a retried job that it landed.
import { isAdvisoryWithoutProposal, type Locale, type Verdict } from '../../rules/index.js';
import type { HelpdeskPort, TicketChange, TicketState } from '../core/helpdesk-port.js';
import { pickLocale, renderAdvisoryReply } from '../core/render-notes.js';
import { isHelpdeskError } from '../shared/helpdesk-error.js';
import type { Plan } from '../core/plan-decision.js';
import type { BudgetSummary } from './compute-budget.js';
import type { ProposalRecord } from '../store/proposal-store.js';
import type { JobWithDeliveries } from '../store/store.js';
import type { ProposalFlow } from './create-proposal-flow.js';
import { isAcceptReply } from './is-accept-reply.js';
import { isProposalDecidedEvent, parseProposalDecided } from './proposal-decided-delivery.js';
import { proposalDecisionChange, proposalDecisionTag } from './proposal-decision-change.js';
import { isProposalError } from './proposal-error.js';
import { thresholdMessage } from './proposal-notes.js';

/** Whether a proposal's budget line says more than the sidebar's meter: a threshold crossed, or the cap. */
function budgetNews(budget: BudgetSummary | null): boolean {
  return budget !== null && (budget.crossed.length > 0 || budget.overCap);
}

export interface ProposalJobContext {
  readonly job: JobWithDeliveries;
  readonly verdict: Verdict;
  readonly state: TicketState;
  readonly plan: Plan;
  readonly helpdesk: HelpdeskPort;
}

export interface HookedChange {
  readonly change: TicketChange;
  /** Runs once the change is written (or, in shadow mode, would have been). */
  afterApply(): Promise<void>;
  /** For the decision's audit entry. */
  readonly summary: unknown;
  /** The language of the change's comment when it is not the plan's (the proposal's, to the customer). */
  readonly commentLocale?: Locale;
  /** The proposal the change sends or holds, for the decision's log line. */
  readonly proposalNumber?: string;
}

export interface DecidedContext {
  readonly job: JobWithDeliveries;
  readonly state: TicketState;
  readonly helpdesk: HelpdeskPort;
  /** Reads the ticket again (between two writes). */
  readonly reload: () => Promise<TicketState>;
}

export interface ProposalJobHooks {
  /**
   * Writes the job's queued proposal decisions that the ticket does not carry yet, each in one write
   * against the version read. Returns the ticket as last read, or null when a write came after that
   * read (read again before deciding on it). A conflict or a failed write throws, so the job is read
   * again or retried.
   */
  applyDecided(ctx: DecidedContext): Promise<TicketState | null>;
  beforeApply(ctx: ProposalJobContext): Promise<HookedChange | null>;
  afterJob(ctx: ProposalJobContext): Promise<void>;
  hasAcceptedProposal(job: Pick<JobWithDeliveries, 'helpdesk' | 'accountId' | 'ticketId'>): Promise<boolean>;
}

interface StoredDelivery {
  readonly eventType?: string;
  readonly ticket?: { readonly requesterId?: string };
  readonly comment?: { readonly authorId?: string; readonly body?: string; readonly public?: boolean };
}

/**
 * Replies that accept ("akkoord"), public, with who wrote them. Whether the author may accept is
 * decided by mayAccept: the requester, or a customer participant the adapter confirms.
 */
function acceptReplies(job: JobWithDeliveries): { readonly authorId: string; readonly delivery: StoredDelivery }[] {
  return job.deliveries
    .filter((d) => COMMENT_EVENTS.some((suffix) => d.eventType.endsWith(suffix)))
    .flatMap((d) => {
      try {
        return [JSON.parse(d.payload) as StoredDelivery];
      } catch {
        return [];
      }
    })
    .flatMap((delivery) => (delivery.comment?.public !== false && typeof delivery.comment?.authorId === 'string' && isAcceptReply(delivery.comment.body) ? [{ authorId: delivery.comment.authorId, delivery }] : []));
}

/**
 * The requester is the one the adapter read (`state.requesterId`, Jira's reporter) or, failing
 * that, the one the deliveries name (Zendesk's `ticket.requesterId`); anyone else only when the
 * adapter confirms they take part on the customer's side (JSM request participants).
 */
async function acceptedByCustomer(job: JobWithDeliveries, state: Pick<TicketState, 'requesterId'>, helpdesk: HelpdeskPort): Promise<boolean> {
  const replies = acceptReplies(job);
  if (replies.length === 0) return false;
  const named = job.deliveries.map((d) => {
    try {
      return (JSON.parse(d.payload) as StoredDelivery).ticket?.requesterId;
    } catch {
      return undefined;
    }
  });
  const requester = state.requesterId ?? named.findLast((id) => id !== undefined);
  if (replies.some((r) => r.authorId === requester)) return true;
  if (!helpdesk.isCustomerParticipant) return false;
  for (const reply of replies) if (await helpdesk.isCustomerParticipant(job.ticketId, reply.authorId)) return true;
  return false;
}

/** The comment events of the adapters (Zendesk `…ticket.comment_added`, Jira `comment_created`). */
const COMMENT_EVENTS = ['ticket.comment_added', 'comment_created'];

export function createProposalJobHooks(flow: ProposalFlow): ProposalJobHooks {
  /**
   * A rule with `proposal: none`: the ticket is converted and the customer gets the rule's reason,
   * with no proposal (nothing is stored, priced or booked in the budget). The agents' note (which
   * says so, and how to make one by hand) is a second write, as one update carries one comment.
   */
  function withoutProposal({ job, verdict, state, plan, helpdesk }: ProposalJobContext, note: string): HookedChange {
    const config = flow.config();
    const locale = pickLocale(state.item.requesterLocale, config.defaults.locale);
    return {
      change: { ...plan.change, comment: { body: renderAdvisoryReply(verdict, locale, config.vendor.name), public: true } },
      commentLocale: locale,
      summary: { proposal: 'none', rule: verdict.rule },
      async afterApply() {
        if (!helpdesk.live) return;
        try {
          await helpdesk.apply(job.ticketId, { comment: { body: note, public: false } }, null);
        } catch (error) {
          // The customer's reply is out: the note is recorded as missing, not retried (the job would not post it again).
          await flow.store.appendAudit({
            helpdesk: job.helpdesk, accountId: job.accountId, ticketId: job.ticketId, jobId: job.id, eventIds: [], kind: 'action',
            outcome: 'advisory', rule: 'advisory-note-failed', configHash: flow.configHash(), calls: [], at: flow.now(), verdict: null,
            note: `the internal note (no proposal sent) could not be written: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      },
    };
  }

  /** One 'proposal-ticket-updated' entry per marker, also when a retry finds the write already there. */
  async function auditedBefore(record: ProposalRecord, marker: string): Promise<boolean> {
    const entries = await flow.store.listAudit({ helpdesk: record.helpdesk, accountId: record.accountId, ticketId: record.ticketId, limit: 200 });
    return entries.some((e) => e.rule === 'proposal-ticket-updated' && e.note?.includes(marker) === true);
  }

  return {
    async applyDecided({ job, state, helpdesk, reload }) {
      let current = state;
      let stale = false;
      for (const delivery of job.deliveries) {
        if (!isProposalDecidedEvent(delivery.eventType)) continue;
        const decided = parseProposalDecided(delivery.payload);
        const record = decided && (await flow.store.getProposal(decided.proposalId));
        if (!decided || !record) continue;
        if (stale) current = await reload();
        stale = false;
        const config = flow.config();
        const marker = proposalDecisionTag(record, decided.status, config.connector.tagPrefix);
        if (current.tags.includes(marker)) {
          // The write landed but its answer was lost (or the job stopped after it): never again.
          if (!(await auditedBefore(record, marker))) {
            await flow.audit(record, 'proposal-ticket-updated', `ticket updated (${marker}), found on the ticket when the job was retried; not written again`, { jobId: job.id });
          }
          continue;
        }
        const change = proposalDecisionChange(decided, marker, current, config.proposals);
        try {
          await helpdesk.apply(job.ticketId, change, current.version);
        } catch (error) {
          // A write the helpdesk refuses for good (a closed ticket, a field it requires, no transition
          // to the status) must not take the ticket's other events in this job down with it: they are
          // triaged, and the refusal is audited for an operator. Alone in its job it is a dead letter.
          const refused = isHelpdeskError(error) && (error.kind === 'validation' || error.kind === 'config');
          const others = job.deliveries.some((d) => !isProposalDecidedEvent(d.eventType));
          if (!refused || !others) throw error;
          await flow.audit(record, 'proposal-ticket-update-refused', `ticket not updated (${marker}): ${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}`, { jobId: job.id });
          continue;
        }
        const what = [change.status === undefined ? null : `status ${change.status}`, change.solve ? 'solved' : null, 'internal note'].filter((w) => w !== null).join(', ');
        await flow.audit(record, 'proposal-ticket-updated', `ticket updated (${marker}): ${what}`, { jobId: job.id });
        stale = true;
      }
      return stale ? null : current;
    },

    async beforeApply({ job, verdict, state, plan, helpdesk }) {
      // Every adapter posts a comment's files to the customer with the comment (Zendesk uploads, JSM
      // request attachments), so the proposal flow is the same for both.
      if (verdict.outcome !== 'advisory' || plan.kind !== 'decision' || plan.change.comment === undefined) return null;
      if (isAdvisoryWithoutProposal(verdict)) return withoutProposal({ job, verdict, state, plan, helpdesk }, plan.change.comment.body);
      let prepared;
      try {
        prepared = await flow.prepare({
          helpdesk: job.helpdesk, accountId: job.accountId, ticketId: job.ticketId, verdict, item: state.item, decisionKey: plan.fingerprint,
        });
      } catch (error) {
        if (!isProposalError(error)) throw error;
        const body = `${plan.change.comment.body}\n\nInScope: no proposal made (${error.code}): ${error.message}`;
        return { change: { ...plan.change, comment: { body, public: false } }, afterApply: async () => {}, summary: { refused: error.code, message: error.message } };
      }
      const summary = { id: prepared.record.id, number: prepared.record.number, version: prepared.record.version, hold: prepared.hold, budget: prepared.budget };
      if (prepared.hold) {
        const note = await flow.markHeld(prepared, { jobId: job.id });
        return { change: { ...plan.change, comment: { body: `${plan.change.comment.body}\n\n${note}`, public: false } }, afterApply: async () => {}, summary, proposalNumber: prepared.record.number };
      }
      return {
        change: flow.sendChange(prepared, plan.change, state.tags),
        summary,
        commentLocale: prepared.record.document.contact.locale,
        proposalNumber: prepared.record.number,
        async afterApply() {
          // Shadow mode decides again on every delivery: the PDF is written once.
          if (!helpdesk.live && prepared.record.pdfPath !== null) return;
          const { note } = await flow.markSent(prepared, helpdesk.live, { jobId: job.id });
          if (!helpdesk.live) return;
          // The decision's internal note, now with the proposal and the budget, is a second write:
          // one Zendesk update carries one comment (UpdateTicket's `comment` is a single object), and
          // that one was the customer's. So Zendesk gets it only when it says what the sidebar does
          // not: verdict, contract, budget use and the proposal's state are there, the number, total
          // and validity in the public comment just posted, everything in the audit log; a crossed
          // budget threshold or the cap is not. Jira's sidebar shows the same, so the same rule
          // saves a JSM comment there. The proposal is out either way, so a failed note is
          // recorded, not retried.
          if (budgetNews(prepared.budget)) {
            try {
              await helpdesk.apply(job.ticketId, { comment: { body: `${plan.change.comment!.body}\n\n${note}`, public: false } }, null);
            } catch (error) {
              await flow.audit(prepared.record, 'proposal-note-failed', `the internal note for ${prepared.record.number} could not be written: ${error instanceof Error ? error.message : String(error)}`, { jobId: job.id });
            }
          }
          const message = prepared.budget && flow.notifyCustomerAtThreshold() ? thresholdMessage(prepared.budget, prepared.record.document.contact.locale) : null;
          if (message) await helpdesk.apply(job.ticketId, { comment: { body: message, public: true } }, null).catch(() => undefined);
        },
      };
    },

    async afterJob({ job, verdict, state, plan, helpdesk }) {
      if (helpdesk.live) await flow.recordLoggedTime(job, verdict, state.item);
      const open = await flow.openProposalOf(job.helpdesk, job.accountId, job.ticketId);
      // Crash recovery: the sending write landed (the ticket carries the proposal's tag) but the
      // job died before recording it. Mark it sent; never post it again.
      if (open?.status === 'draft' && helpdesk.live && plan.kind === 'noop' && verdict.outcome === 'advisory' && state.tags.includes(flow.proposalTag(open))) {
        await flow.store.transitionProposal(open.id, { from: ['draft'], to: 'sent', at: flow.now() });
        await flow.audit({ ...open, status: 'sent' }, 'proposal-sent', `Proposal ${open.number} version ${open.version} was posted before the job stopped; recorded as sent`, { jobId: job.id });
        return;
      }
      if (open?.status !== 'sent' || !(await acceptedByCustomer(job, state, helpdesk))) return;
      await flow.decide(open, 'accepted', helpdesk, { actor: 'requester reply' });
    },

    async hasAcceptedProposal({ helpdesk, accountId, ticketId }) {
      const accepted = await flow.store.listProposals({ helpdesk, accountId, ticketId, statuses: ['accepted'], limit: 1 });
      return accepted.length > 0;
    },
  };
}
