// Handles one claimed job: read the ticket, triage it (reading its attachments only when the verdict
// needs them), plan the one change, write it with optimistic concurrency (a conflict means someone
// else changed the ticket: read again and decide again), and record the decision with the calls it
// made in the audit log. A proposal decision queued on the job (the customer's page, a reply, the
// expiry sweep) is written first; the job's other deliveries are then triaged on the ticket as that
// write left it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Engine } from '../../rules/index.js';
import { planDecision, type PlanOptions } from '../core/plan-decision.js';
import { toAuditChange, type HelpdeskPort } from '../core/helpdesk-port.js';
import { triageTicket } from '../core/triage-ticket.js';
import type { ProposalJobHooks } from '../proposals/create-proposal-job-hooks.js';
import { isProposalDecidedEvent } from '../proposals/proposal-decided-delivery.js';
import { HelpdeskError, isConflictError } from '../shared/helpdesk-error.js';
import type { AuditCall, JobWithDeliveries, Store } from '../store/store.js';
import { toDecisionLogLine, type DecisionLogLine } from './decision-log-line.js';

/** Calls made while a job runs are attributed to it, even with several workers interleaving. */
export const jobCalls = new AsyncLocalStorage<AuditCall[]>();

export function recordCall(call: AuditCall): void {
  jobCalls.getStore()?.push(call);
}

export interface ProcessJobDeps {
  readonly store: Store;
  readonly helpdesk: HelpdeskPort;
  readonly engine: () => Engine;
  readonly plan: PlanOptions;
  readonly now: () => number;
  /** Re-reads after a 409 before the job is handed back to the queue. */
  readonly maxConflicts?: number;
  /** Proposals for advisory decisions and acceptance by reply; absent: decisions only. */
  readonly proposals?: ProposalJobHooks;
  /** Told of every decision once it is audited (the service logs it as one JSON line). */
  readonly onDecision?: (line: DecisionLogLine) => void;
}

export interface JobResult {
  /** The verdict's outcome, or 'proposal' for a job that only wrote proposal decisions. */
  readonly outcome: string;
  readonly kind: 'decision' | 'guard' | 'noop' | 'proposal';
  readonly applied: boolean;
}

export async function processJob(job: JobWithDeliveries, deps: ProcessJobDeps): Promise<JobResult> {
  const calls: AuditCall[] = [];
  return jobCalls.run(calls, async () => {
    const decided = deps.proposals ? job.deliveries.filter((d) => isProposalDecidedEvent(d.eventType)) : [];
    const triaged = job.deliveries.filter((d) => !decided.includes(d));
    const hints = triaged.map((d) => ({ eventType: d.eventType, payload: d.payload }));
    const eventTypes = triaged.map((d) => d.eventType);
    const eventIds = job.deliveries.map((d) => d.eventId);
    const maxConflicts = deps.maxConflicts ?? 3;
    // Decision writes queued while live and handled after a switch to shadow mode: shadow writes
    // nothing, so say so in the audit rather than claim the ticket was updated.
    if (decided.length > 0 && !deps.helpdesk.live) {
      await deps.store.appendAudit({
        helpdesk: job.helpdesk, accountId: job.accountId, ticketId: job.ticketId, jobId: job.id, eventIds: decided.map((d) => d.eventId),
        kind: 'action', rule: 'proposal-ticket-update', configHash: deps.engine().configHash, verdict: null, calls: [], at: deps.now(),
        note: 'proposal decision not written on the ticket: the connector is in shadow mode',
      });
    }
    // Shadow mode reads tickets from what deliveries carry, and a decision's delivery carries none.
    if (triaged.length === 0 && !deps.helpdesk.live) return { outcome: 'proposal', kind: 'proposal', applied: false };
    for (let conflicts = 0; ; conflicts++) {
      const engine = deps.engine();
      let state = await deps.helpdesk.load(job.ticketId, hints);
      if (deps.proposals && decided.length > 0 && deps.helpdesk.live) {
        let after;
        try {
          after = await deps.proposals.applyDecided({ job, state, helpdesk: deps.helpdesk, reload: () => deps.helpdesk.load(job.ticketId, hints) });
        } catch (error) {
          if (isConflictError(error) && conflicts + 1 < maxConflicts) continue;
          await deps.store.appendAudit({
            helpdesk: job.helpdesk, accountId: job.accountId, ticketId: job.ticketId, jobId: job.id, eventIds,
            kind: 'error', rule: 'proposal-ticket-update', configHash: engine.configHash, verdict: null, calls: [...calls], at: deps.now(),
            note: error instanceof HelpdeskError ? `${error.kind}: ${error.message}` : String(error),
          });
          throw error;
        }
        if (triaged.length === 0) return { outcome: 'proposal', kind: 'proposal', applied: after === null && deps.helpdesk.live };
        state = after ?? (await deps.helpdesk.load(job.ticketId, hints));
      }
      let verdict;
      try {
        ({ state, verdict } = await triageTicket(engine, state));
      } catch (error) {
        if (error instanceof HelpdeskError) throw error;
        // The engine refuses only malformed input (an unreadable creation date): no retry can fix it.
        throw new HelpdeskError('validation', `ticket ${job.ticketId} cannot be triaged: ${(error as Error).message}`, { cause: error });
      }
      const previous = await deps.store.lastDecision(job.helpdesk, job.accountId, job.ticketId);
      // An accepted proposal is the customer's approval of advisory work: the guard leaves it alone.
      const accepted = verdict.outcome === 'advisory' && state.status === 'approved' && (await deps.proposals?.hasAcceptedProposal(job));
      const plan = planDecision({ verdict, state, previousFingerprint: previous?.fingerprint ?? null, eventTypes, ...(accepted ? { approvedOverride: true } : {}) }, deps.plan);
      const hooked = deps.proposals ? await deps.proposals.beforeApply({ job, verdict, state, plan, helpdesk: deps.helpdesk }) : null;
      const change = hooked?.change ?? plan.change;
      const base = {
        helpdesk: job.helpdesk,
        accountId: job.accountId,
        ticketId: job.ticketId,
        jobId: job.id,
        eventIds,
        outcome: verdict.outcome,
        configHash: engine.configHash,
      } as const;
      let applied = false;
      if (plan.kind !== 'noop') {
        try {
          await deps.helpdesk.apply(job.ticketId, change, state.version);
          applied = deps.helpdesk.live;
          await hooked?.afterApply();
        } catch (error) {
          if (isConflictError(error) && conflicts + 1 < maxConflicts) continue;
          await deps.store.appendAudit({
            ...base,
            kind: 'error',
            verdict: { outcome: verdict.outcome, rule: verdict.rule, planned: toAuditChange(change) },
            calls: [...calls],
            at: deps.now(),
            note: error instanceof HelpdeskError ? `${error.kind}: ${error.message}` : String(error),
          });
          throw error;
        }
      }
      const mode = deps.helpdesk.live ? '' : 'shadow, nothing written: ';
      await deps.store.appendAudit({
        ...base,
        kind: plan.kind === 'guard' ? 'guard' : 'decision',
        ...(verdict.rule ? { rule: verdict.rule } : {}),
        verdict: {
          ...verdict, facts: verdict.facts, kind: verdict.kind, trace: verdict.trace, planned: toAuditChange(change), fingerprint: plan.fingerprint, subject: state.item.subject, createdAt: state.item.createdAt, conflicts,
          // Who the ticket is from, so that the log can be read per organization (`inscope decisions --org`).
          organization: { id: state.item.organizationId ?? null, name: state.item.organizationName ?? null },
          mode: deps.helpdesk.live ? 'live' : 'shadow',
          commentLocale: hooked?.commentLocale ?? plan.commentLocale ?? null,
          ...(hooked ? { proposal: hooked.summary } : {}),
        },
        // Only a decision that reached the helpdesk counts as applied: after a switch from shadow to
        // live, the first live job must still write everything.
        ...(deps.helpdesk.live ? { fingerprint: plan.fingerprint } : {}),
        calls: [...calls],
        at: deps.now(),
        note: `${mode}${plan.why}`,
      });
      deps.onDecision?.(toDecisionLogLine({
        at: deps.now(), live: deps.helpdesk.live, helpdesk: job.helpdesk, ticketId: job.ticketId, jobId: job.id, verdict, kind: plan.kind, applied, change,
        commentLocale: hooked?.commentLocale ?? plan.commentLocale ?? null, proposalNumber: hooked?.proposalNumber ?? null,
      }));
      await deps.proposals?.afterJob({ job, verdict, state, plan, helpdesk: deps.helpdesk });
      return { outcome: verdict.outcome, kind: plan.kind, applied };
    }
  });
}
