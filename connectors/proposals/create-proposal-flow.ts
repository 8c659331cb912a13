// Proposals in the live flow: make (or revise) the stored, numbered proposal for an advisory ticket,
// check it against the monthly budget, turn it into the one ticket change that carries the PDF and
// the public comment, and record each later transition (sent, accepted, declined, expired) with an
// internal note and an audit entry; a decision's ticket write is queued for the worker. The worker,
// the sidebar router and the acceptance page share it.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Locale, Verdict, WorkItem } from '../../rules/index.js';
import type { CoverageConfig } from '../config/config-schema.js';
import type { HelpdeskPort, TicketChange } from '../core/helpdesk-port.js';
import type { ProposalRecord } from '../store/proposal-store.js';
import type { HelpdeskKind, Store } from '../store/store.js';
import { asShadowEntry } from './as-shadow-entry.js';
import { buildProposal, type AgentProposalInput } from './build-proposal.js';
import { computeBudget, type BudgetSummary } from './compute-budget.js';
import { formatMoney } from './format-money.js';
import { formatProposalNumber } from './format-proposal-number.js';
import { budgetMonthOf, proposalExpiresAt } from './proposal-expiry.js';
import { proposalYear } from './proposal-dates.js';
import type { ProposalTemplates } from './proposal-templates.js';
import { hashProposalToken, signProposalToken } from './proposal-token.js';
import { renderProposalComment } from './render-proposal-comment.js';
import { renderProposalPdf } from './render-proposal-pdf.js';
import { reviseProposal } from './revise-proposal.js';
import { proposalDecidedDelivery, type DecidedStatus } from './proposal-decided-delivery.js';
import { proposalNote, type ProposalEvent } from './proposal-notes.js';

/** How far back the sweep makes sure a decision's ticket write was queued (it runs every minute). */
const REQUEUE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface ProposalFlowDeps {
  readonly store: Store;
  readonly config: () => CoverageConfig;
  readonly configHash: () => string;
  readonly templates: ProposalTemplates;
  readonly secret: string;
  /** The service's public base URL; acceptance links are `<publicUrl>/p/<token>`. */
  readonly publicUrl: string;
  readonly now: () => number;
  /** Where shadow mode writes the PDFs it would have attached. */
  readonly shadowDir: string;
  /** Called once a decision's ticket write is queued: the worker pool's wake (else its next poll). */
  readonly wake?: () => void;
  /**
   * Shadow mode: the proposals it made (drafts with their PDF on disk) count as committed, so that
   * the meter and the budget report show the month as it would have been.
   */
  readonly shadow?: boolean;
}

export interface PrepareInput {
  readonly helpdesk: HelpdeskKind;
  readonly accountId: string;
  readonly ticketId: string;
  readonly verdict: Verdict;
  readonly item: WorkItem;
  /** One proposal per key: the decision fingerprint from the worker, null from a person. */
  readonly decisionKey: string | null;
  readonly agentInput?: AgentProposalInput;
  /** The sidebar's manager confirmed sending over the cap. */
  readonly confirmOverBudget?: boolean;
}

export interface PreparedProposal {
  readonly record: ProposalRecord;
  readonly created: boolean;
  readonly superseded?: ProposalRecord;
  readonly budget: BudgetSummary | null;
  /** Why it may not go out now (the budget policy), or null. */
  readonly hold: 'require-confirmation' | 'block' | null;
  readonly comment: string;
  readonly pdf: Buffer;
  /** Travels with the PDF in the same write: a ticket carrying it has received this version. */
  readonly tag: string;
}

export type ProposalFlow = ReturnType<typeof createProposalFlow>;

export function proposalTag(record: Pick<ProposalRecord, 'number' | 'version'>, prefix: string): string {
  return `${prefix}p${record.number.slice(2).replace('-', '_')}_v${record.version}`;
}

export function createProposalFlow(deps: ProposalFlowDeps) {
  const vendor = () => deps.config().vendor.name;

  async function budgetFor(verdict: Verdict, proposal: Pick<ProposalRecord, 'id' | 'hundredthHours' | 'subtotal'> | null): Promise<BudgetSummary | null> {
    const config = deps.config();
    const contract = config.contracts.find((c) => c.id === verdict.contract?.id);
    if (!contract?.monthlyBudget) return null;
    const month = budgetMonthOf(deps.now(), contract.timeZone);
    const rows = await deps.store.listProposals({ contractId: contract.id, budgetMonth: month, statuses: deps.shadow ? ['draft', 'sent', 'accepted'] : ['sent', 'accepted'], limit: 10_000 });
    const loggedHours = config.proposals.timeSpentField === undefined ? null : Math.round((await deps.store.loggedSeconds(contract.id, month)) / 36) / 100;
    const others = rows.filter((r) => r.id !== proposal?.id);
    const summary = computeBudget({
      month,
      cap: contract.monthlyBudget,
      currency: contract.currency ?? config.defaults.currency,
      entries: deps.shadow ? others.map(asShadowEntry).filter((r) => r !== null) : others,
      proposal,
      loggedHours,
      policy: config.proposals.budgetPolicy,
      thresholds: config.proposals.thresholds,
    });
    return deps.shadow ? { ...summary, shadow: true } : summary;
  }

  /**
   * Reads the ticket's time spent (the configured field, seconds): books its growth in the
   * contract's month, and keeps it as the actual of the ticket's accepted proposal (quoted versus
   * actual). The actual does not need a contract: a proposal without one was still quoted.
   */
  async function recordLoggedTime(ref: { helpdesk: HelpdeskKind; accountId: string; ticketId: string }, verdict: Verdict, item: WorkItem): Promise<ProposalRecord | null> {
    const field = deps.config().proposals.timeSpentField;
    if (field === undefined) return null;
    const value = item.fields[field];
    // A number, or the digits Zendesk renders a numeric custom field as; anything else is no reading.
    const seconds = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(seconds) || seconds < 0) return null;
    const contract = verdict.contract;
    const at = deps.now();
    if (contract) await deps.store.recordLoggedTime({ ...ref, contractId: contract.id, budgetMonth: budgetMonthOf(at, contract.timeZone), totalSeconds: Math.round(seconds), at });
    return deps.store.recordProposalActual({ ...ref, totalSeconds: Math.round(seconds), at });
  }

  async function openProposalOf(helpdesk: HelpdeskKind, accountId: string, ticketId: string): Promise<ProposalRecord | null> {
    const [open] = await deps.store.listProposals({ helpdesk, accountId, ticketId, statuses: ['draft', 'sent'], limit: 1 });
    return open ?? null;
  }

  async function prepare(input: PrepareInput): Promise<PreparedProposal> {
    const config = deps.config();
    const at = deps.now();
    const createdAt = new Date(at).toISOString();
    const timeZone = input.verdict.contract?.timeZone ?? config.defaults.timeZone;
    const previous = await openProposalOf(input.helpdesk, input.accountId, input.ticketId);
    const reusable = previous && input.decisionKey !== null && previous.decisionKey === input.decisionKey;
    const revises = previous && !reusable ? previous : null;
    const made = await deps.store.createProposal(
      {
        helpdesk: input.helpdesk, accountId: input.accountId, ticketId: input.ticketId, vendor: vendor(),
        year: proposalYear(createdAt, config.defaults.timeZone), decisionKey: input.decisionKey,
        budgetMonth: budgetMonthOf(at, timeZone), createdAt: at,
        // The engine's verdict computes its kind in a getter; a copy made by spreading lacks it.
        requestKind: (input.verdict.kind as Verdict['kind'] | undefined)?.kind ?? null,
        ...(revises ? { revises: revises.id } : {}),
      },
      ({ year, sequence, version }) => {
        const number = formatProposalNumber(year, sequence);
        const agent = input.agentInput ?? {};
        const draft = revises
          ? reviseProposal({ ...revises.document, status: revises.status }, {
            createdAt, config,
            hours: agent.hours ?? input.verdict.proposal?.hours ?? revises.hundredthHours / 100,
            ...(agent.scope === undefined ? {} : { scope: agent.scope }),
          }).next
          : buildProposal({ verdict: input.verdict, item: input.item, config, helpdesk: input.helpdesk, number, version, createdAt, agentInput: agent });
        const token = signProposalToken({ number, version, expiresAt: proposalExpiresAt(draft) }, deps.secret);
        const base = `${deps.publicUrl.replace(/\/+$/, '')}/p/${token}`;
        return { document: { ...draft, acceptUrl: base, declineUrl: `${base}?choice=decline` }, tokenHash: hashProposalToken(token) };
      },
    );
    const record = made.proposal;
    const budget = await budgetFor(input.verdict, record);
    const policy = config.proposals.budgetPolicy;
    const hold = budget?.overCap && policy !== 'warn' && !(policy === 'require-confirmation' && input.confirmOverBudget) ? policy : null;
    const document = record.document;
    return {
      record,
      created: made.created,
      ...(made.superseded ? { superseded: made.superseded } : {}),
      budget,
      hold,
      comment: renderProposalComment(document, deps.templates),
      pdf: await renderProposalPdf(document, { templates: deps.templates }),
      tag: proposalTag(record, config.connector.tagPrefix),
    };
  }

  /** The change that sends the proposal: the caller's change plus the public comment, the PDF and the tag. */
  function sendChange(prepared: PreparedProposal, base: TicketChange, currentTags: readonly string[]): TicketChange {
    const tags = [...(base.tags ?? currentTags)];
    if (!tags.includes(prepared.tag)) tags.push(prepared.tag);
    const { number, version } = prepared.record;
    return {
      ...base,
      tags,
      comment: { body: prepared.comment, public: true, attachments: [{ filename: `${number}-v${version}.pdf`, bytes: prepared.pdf, contentType: 'application/pdf' }] },
    };
  }

  async function audit(record: ProposalRecord, rule: string, note: string, extra: { actor?: string; jobId?: number; budget?: BudgetSummary | null } = {}) {
    await deps.store.appendAudit({
      helpdesk: record.helpdesk, accountId: record.accountId, ticketId: record.ticketId, eventIds: [], kind: 'action',
      outcome: 'advisory', rule, configHash: deps.configHash(), calls: [], at: deps.now(), note,
      verdict: { proposal: { id: record.id, number: record.number, version: record.version, status: record.status, total: record.total, currency: record.currency }, budget: extra.budget ?? null },
      ...(extra.jobId === undefined ? {} : { jobId: extra.jobId }),
      ...(extra.actor === undefined ? {} : { actor: extra.actor }),
    });
  }

  /** After the sending write: sent (live) or the PDF on disk (shadow); returns the internal note to post. */
  async function markSent(prepared: PreparedProposal, live: boolean, extra: { actor?: string; jobId?: number } = {}): Promise<{ record: ProposalRecord; note: string }> {
    let record = prepared.record;
    if (live) {
      record = (await deps.store.transitionProposal(record.id, { from: ['draft'], to: 'sent', at: deps.now() })) ?? record;
    } else {
      const file = path.join(deps.shadowDir, `${record.number}-v${record.version}.pdf`);
      await fs.mkdir(deps.shadowDir, { recursive: true });
      await fs.writeFile(file, prepared.pdf);
      record = (await deps.store.transitionProposal(record.id, { from: ['draft'], to: 'draft', at: deps.now(), pdfPath: file })) ?? record;
    }
    const note = proposalNote(live ? 'sent' : 'shadow', record, agentLocale(), prepared);
    await audit(record, live ? 'proposal-sent' : 'proposal-shadow', note, { ...extra, budget: prepared.budget });
    return { record, note };
  }

  /** A proposal held by the budget policy: the internal note says why; nothing goes to the customer. */
  async function markHeld(prepared: PreparedProposal, extra: { actor?: string; jobId?: number } = {}): Promise<string> {
    const note = proposalNote('held', prepared.record, agentLocale(), prepared);
    await audit(prepared.record, 'proposal-held', note, { ...extra, budget: prepared.budget });
    return note;
  }

  function agentLocale(): Locale {
    return deps.config().defaults.locale;
  }

  /**
   * Records a customer's (or the sweep's) decision, then queues its ticket write on the ticket's job
   * and returns: the caller (the customer's page) never waits on the helpdesk, and an outage delays
   * the write instead of dropping it. One conditional update, so of two racing acceptances exactly
   * one gets here; null when the proposal was not open.
   */
  async function decide(record: ProposalRecord, event: Exclude<ProposalEvent, 'sent' | 'shadow' | 'held'>, helpdesk: HelpdeskPort, meta: { ip?: string; actor: string }): Promise<ProposalRecord | null> {
    const decided = await deps.store.transitionProposal(record.id, {
      from: ['sent'], to: event, at: deps.now(),
      ...(meta.ip === undefined ? {} : { ip: meta.ip }),
      actor: meta.actor,
      // Committed work counts in the month it was accepted, in the contract's time zone.
      ...(event === 'accepted' ? { budgetMonth: budgetMonthOf(deps.now(), record.timeZone) } : {}),
    });
    if (!decided) return null;
    const note = proposalNote(event, decided, agentLocale(), null, meta.actor);
    // Shadow mode writes nothing; proposals are only ever sent live, so this is a switch back to shadow.
    if (helpdesk.live) await deps.store.recordDelivery(proposalDecidedDelivery(decided, { proposalId: decided.id, status: event, note }, deps.now()));
    // The decision is audited now; 'proposal-ticket-updated' follows once the worker has written it.
    await audit(decided, `proposal-${event}`, helpdesk.live ? `${note}\n(ticket update queued)` : note, { actor: meta.actor });
    if (helpdesk.live) deps.wake?.();
    return decided;
  }

  /**
   * The periodic sweep: marks every sent proposal whose last valid day has ended as expired, then
   * makes sure each decision of the last day has its ticket write queued (requeueRecentDecisions).
   */
  async function sweepExpired(helpdeskFor: (kind: HelpdeskKind) => HelpdeskPort): Promise<ProposalRecord[]> {
    const now = deps.now();
    const open = await deps.store.listProposals({ statuses: ['sent'], limit: 10_000 });
    const expired: ProposalRecord[] = [];
    for (const record of open) {
      if (now < proposalExpiresAt(record)) continue;
      const done = await decide(record, 'expired', helpdeskFor(record.helpdesk), { actor: 'expiry sweep' });
      if (done) expired.push(done);
    }
    await requeueRecentDecisions(helpdeskFor);
    return expired;
  }

  /**
   * A decision is committed before its ticket write is queued, so a crash between the two would
   * leave the ticket unchanged. The write's delivery id is fixed per proposal and outcome: queueing
   * it again is a duplicate (nothing happens) when it was queued, and queues it when it was lost.
   * The marker tag keeps the ticket from getting the note twice either way. Returns how many were lost.
   */
  async function requeueRecentDecisions(helpdeskFor: (kind: HelpdeskKind) => HelpdeskPort): Promise<number> {
    const since = deps.now() - REQUEUE_WINDOW_MS;
    // By decision time, not creation: an old proposal expired today is as recent as a new one accepted.
    const decided = await deps.store.listProposals({ statuses: ['accepted', 'declined', 'expired'], decidedSince: since, limit: 10_000 });
    let requeued = 0;
    for (const record of decided) {
      if (!helpdeskFor(record.helpdesk).live) continue;
      const status = record.status as DecidedStatus;
      const note = proposalNote(status, record, agentLocale(), null, record.decidedBy ?? 'InScope');
      const queued = await deps.store.recordDelivery(proposalDecidedDelivery(record, { proposalId: record.id, status, note }, deps.now()));
      if (queued.status !== 'accepted') continue;
      requeued += 1;
      await audit(record, `proposal-${status}`, `${note}\n(ticket update queued again: it was not queued when the decision was recorded)`, { actor: 'sweep' });
    }
    if (requeued > 0) deps.wake?.();
    return requeued;
  }

  return {
    prepare, sendChange, markSent, markHeld, decide, sweepExpired, requeueRecentDecisions, budgetFor, openProposalOf, audit, recordLoggedTime,
    proposalTag: (r: ProposalRecord) => proposalTag(r, deps.config().connector.tagPrefix),
    notifyCustomerAtThreshold: () => deps.config().proposals.notifyCustomerAtThreshold,
    store: deps.store,
    config: deps.config,
    configHash: deps.configHash,
    now: deps.now,
    vendor,
    secret: deps.secret,
  };
}

export function describeTotal(record: ProposalRecord, locale: Locale): string {
  return formatMoney(record.total, record.currency, locale);
}
