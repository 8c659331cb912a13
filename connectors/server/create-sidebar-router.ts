// The JSON API the sidebar apps call through the helpdesk's proxy, behind the app JWT: the verdict
// for a ticket with its trace, contract and budget, and the agent's one-click actions.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { sendsProposal, type Engine, type Locale, type Verdict } from '../../rules/index.js';
import type { CoverageConfig } from '../config/config-schema.js';
import type { HelpdeskPort, TicketChange } from '../core/helpdesk-port.js';
import { overrideTag } from '../core/plan-decision.js';
import { pickLocale, renderInternalNote, renderMissingInfoRequest } from '../core/render-notes.js';
import type { TicketAccess, TicketAuthorization } from '../http/authorize-forge-issue.js';
import { getAppClaims } from '../http/create-app-jwt-middleware.js';
import { sendJsonError } from '../http/send-json-error.js';
import type { ProposalFlow } from '../proposals/create-proposal-flow.js';
import { isProposalError } from '../proposals/proposal-error.js';
import { isHelpdeskError } from '../shared/helpdesk-error.js';
import type { HelpdeskKind, Store } from '../store/store.js';
import { triageTicket } from '../core/triage-ticket.js';

export interface SidebarDeps {
  readonly store: Store;
  readonly helpdesk: HelpdeskPort;
  readonly engine: () => Engine;
  readonly config: () => CoverageConfig;
  readonly accountId: string;
  readonly now: () => number;
  /** Queue a re-evaluation of the ticket through the normal job path. */
  readonly enqueue: (ticketId: string, reason: string) => Promise<void>;
  /** The helpdesk this router serves, for the store's keys (default 'zendesk'; the Jira mount says 'jira'). */
  readonly helpdeskKind?: HelpdeskKind;
  /** What a ticket id looks like there, and the 400 message otherwise (default: Zendesk's numeric ids). */
  readonly ticketId?: { readonly pattern: RegExp; readonly hint: string };
  /** Proposals and budgets; absent: Convert only notes the estimate, and budget is null. */
  readonly proposals?: ProposalFlow;
  /**
   * Whether the verified token may read or act on this ticket, and who the actor is. Absent: any
   * verified token may, and the actor is read from the token's claims.
   */
  readonly authorize?: (res: Response, ticketId: string, access: TicketAccess) => TicketAuthorization | Promise<TicketAuthorization>;
}

/** Zendesk's ticket numbers: canonical (no leading zero), and within 2^53 (checked below) as the API client holds them. */
const TICKET_ID = /^[1-9][0-9]{0,15}$/;

const actionBodies = {
  approve: z.strictObject({ reason: z.string().trim().max(2000).optional() }),
  'request-info': z.strictObject({}),
  convert: z.strictObject({ hours: z.number().positive().max(1000), scope: z.string().trim().min(3).max(4000), confirmOverBudget: z.boolean().optional() }),
  reevaluate: z.strictObject({}),
} as const;
type Action = keyof typeof actionBodies;

function contractDetails(verdict: Verdict, config: CoverageConfig) {
  if (!verdict.contract) return null;
  const definition = config.contracts.find((c) => c.id === verdict.contract!.id);
  return {
    ...verdict.contract,
    coveredProducts: definition?.products ?? [],
    autoApprove: definition?.autoApprove ?? false,
    hourlyRate: definition?.hourlyRate ?? config.defaults.hourlyRate,
    currency: definition?.currency ?? config.defaults.currency,
    monthlyBudget: definition?.monthlyBudget ?? null,
  };
}

/** The ticket's current proposal and the month's budget with what this ticket's proposal would add. */
async function proposalAndBudget(deps: SidebarDeps, ticketId: string, verdict: Verdict) {
  if (!deps.proposals || !verdict.contract) return { proposal: null, budget: null };
  const [latest] = await deps.store.listProposals({ helpdesk: deps.helpdeskKind ?? 'zendesk', accountId: deps.accountId, ticketId, limit: 1 });
  // A draft that is not sent (proposal: none) books nothing: only an agent's Convert would.
  const draft = sendsProposal(verdict) ? verdict.proposal : null;
  // A sent or accepted proposal is already in the ledger; a draft (or none yet) would add to it.
  const adds = latest && latest.status === 'draft' ? latest
    : !latest && draft ? { id: -1, hundredthHours: Math.round(draft.hours * 100), subtotal: Math.round(draft.amount * 100) } : null;
  const budget = await deps.proposals.budgetFor(verdict, adds);
  const state = latest && (latest.status === 'draft' || latest.status === 'sent' || latest.status === 'accepted') ? latest.status : undefined;
  const proposal = latest
    ? { ...(state ? { state } : {}), number: latest.number, version: latest.version, status: latest.status, total: latest.total / 100, currency: latest.currency, validUntil: latest.validUntil }
    : null;
  return { proposal, budget };
}

function agentOf(res: Response): string {
  const claims = getAppClaims(res);
  const who = claims['email'] ?? claims['sub'] ?? claims['user_id'] ?? 'agent';
  return String(who);
}

function fail(res: Response, error: unknown): void {
  if (isHelpdeskError(error)) {
    const status = error.kind === 'notFound' ? 404 : error.kind === 'conflict' ? 409 : error.kind === 'validation' ? 422 : 502;
    sendJsonError(res, status, error.kind, error.message);
    return;
  }
  sendJsonError(res, 500, 'internal', 'The connector could not complete the request');
}

export function createSidebarRouter(deps: SidebarDeps): Router {
  const router = express.Router();
  const kind: HelpdeskKind = deps.helpdeskKind ?? 'zendesk';
  const ticketIdPattern = deps.ticketId?.pattern ?? { test: (id: string) => TICKET_ID.test(id) && Number.isSafeInteger(Number(id)) };
  const ticketIdHint = deps.ticketId?.hint ?? 'The ticket id must be a positive whole number';
  router.use(express.json({ limit: '32kb' }));

  /** The actor, or null after answering 403. */
  const authorized = async (res: Response, ticketId: string, access: TicketAccess): Promise<string | null> => {
    if (!deps.authorize) return agentOf(res);
    let result: TicketAuthorization;
    try {
      result = await deps.authorize(res, ticketId, access);
    } catch (error) {
      fail(res, error);
      return null;
    }
    if (result.ok) return result.actor;
    sendJsonError(res, result.status, result.code, result.message);
    return null;
  };

  const loadVerdict = async (ticketId: string) => triageTicket(deps.engine(), await deps.helpdesk.load(ticketId, []));

  router.get('/tickets/:id/verdict', async (req: Request, res: Response) => {
    const ticketId = String(req.params.id);
    if (!ticketIdPattern.test(ticketId)) return sendJsonError(res, 400, 'ticket_id', ticketIdHint);
    if ((await authorized(res, ticketId, 'read')) === null) return;
    try {
      const last = await deps.store.lastDecision(kind, deps.accountId, ticketId);
      if (!deps.helpdesk.live) {
        // Shadow mode cannot read the ticket: show the decision recorded from its last delivery.
        if (!last) return sendJsonError(res, 404, 'not_seen', `Ticket ${ticketId} has not reached InScope yet (shadow mode reads tickets only from webhook deliveries)`);
        const verdict = last.verdict as Verdict;
        const extra = await proposalAndBudget(deps, ticketId, verdict);
        const recorded = last.verdict as { subject?: string; createdAt?: string };
        return res.json({ ticket: { id: ticketId, subject: recorded.subject ?? '', category: null, status: null, ...(recorded.createdAt ? { createdAt: recorded.createdAt } : {}) }, verdict, contract: contractDetails(verdict, deps.config()), ...extra, lastDecision: { at: new Date(last.at).toISOString(), outcome: last.outcome, rule: last.rule, note: last.note }, shadow: true });
      }
      const { state, verdict } = await loadVerdict(ticketId);
      res.json({
        ticket: { id: ticketId, subject: state.item.subject, category: state.category, status: state.status, createdAt: state.item.createdAt },
        verdict: { ...verdict, facts: verdict.facts, kind: verdict.kind, trace: verdict.trace },
        contract: contractDetails(verdict, deps.config()),
        ...(await proposalAndBudget(deps, ticketId, verdict)),
        lastDecision: last ? { at: new Date(last.at).toISOString(), outcome: last.outcome, rule: last.rule, note: last.note } : null,
      });
    } catch (error) {
      fail(res, error);
    }
  });

  router.post('/tickets/:id/actions/:action', async (req: Request, res: Response) => {
    const ticketId = String(req.params.id);
    const action = String(req.params.action) as Action;
    if (!ticketIdPattern.test(ticketId)) return sendJsonError(res, 400, 'ticket_id', ticketIdHint);
    if (!Object.hasOwn(actionBodies, action)) return sendJsonError(res, 404, 'action', `Unknown action "${action}": use approve, request-info, convert or reevaluate`);
    const agent = await authorized(res, ticketId, 'write');
    if (agent === null) return;
    if (!deps.helpdesk.live) return sendJsonError(res, 409, 'shadow_mode', 'The connector runs in shadow mode: it reads tickets only from webhook deliveries and writes nothing, so actions are not available');
    const schema = actionBodies[action];
    const body = schema.safeParse(req.body ?? {});
    if (!body.success) return sendJsonError(res, 400, 'body', body.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
    const config = deps.config();
    const locale: Locale = config.defaults.locale;
    try {
      const { state, verdict } = await loadVerdict(ticketId);
      const audit = (rule: string, note: string, change: TicketChange | null) =>
        deps.store.appendAudit({
          helpdesk: kind,
          accountId: deps.accountId,
          ticketId,
          eventIds: [],
          kind: 'action',
          outcome: verdict.outcome,
          rule,
          configHash: verdict.trace.configHash,
          verdict: { outcome: verdict.outcome, rule: verdict.rule, change },
          calls: [],
          at: deps.now(),
          actor: agent,
          note,
        });

      if (action === 'approve') {
        const reason = 'reason' in body.data ? body.data.reason : undefined;
        const override = verdict.outcome !== 'covered';
        if (override && !reason) {
          return sendJsonError(res, 422, 'reason_required', `The rules say this request is ${verdict.outcome}; approving it anyway needs a reason`);
        }
        const note = override ? `Approved by ${agent} against the rules (${verdict.outcome}). Reason: ${reason}` : `Approved by ${agent}.`;
        const tags = override && !state.tags.includes(overrideTag(config.connector.tagPrefix)) ? { tags: [...state.tags, overrideTag(config.connector.tagPrefix)] } : {};
        const change: TicketChange = { status: 'approved', category: 'call', ...tags, comment: { body: `${note}\n\n${renderInternalNote(verdict, locale)}`, public: false } };
        await deps.helpdesk.apply(ticketId, change, state.version);
        await audit(override ? 'approve-override' : 'approve', note, change);
        return res.json({ ok: true, action, applied: deps.helpdesk.live, status: 'approved' });
      }
      if (action === 'request-info') {
        const message = renderMissingInfoRequest(verdict, pickLocale(state.item.requesterLocale, locale));
        await audit('request-info', `Request for ${verdict.missing.length} missing items prepared by ${agent}`, null);
        return res.json({ ok: true, action, missing: verdict.missing, message });
      }
      if (action === 'convert' && deps.proposals) {
        const input = body.data as { hours: number; scope: string; confirmOverBudget?: boolean };
        return await convertToProposal(deps, deps.proposals, { ticketId, state, verdict, agent, res, ...input });
      }
      if (action === 'convert') {
        const { hours, scope } = body.data as { hours: number; scope: string };
        const contract = contractDetails(verdict, config);
        const rate = contract?.hourlyRate ?? config.defaults.hourlyRate;
        const currency = contract?.currency ?? config.defaults.currency;
        const amount = Math.round(hours * rate * 100) / 100;
        const note = `Converted to advisory by ${agent}: ${hours} h × ${rate.toFixed(2)} ${currency} = ${amount.toFixed(2)} ${currency}. Scope: ${scope}`;
        const change: TicketChange = { category: 'advisory', comment: { body: note, public: false } };
        await deps.helpdesk.apply(ticketId, change, state.version);
        await audit('convert', note, change);
        return res.json({ ok: true, action, applied: deps.helpdesk.live, proposal: { hours, hourlyRate: rate, currency, amount, scope } });
      }
      await deps.enqueue(ticketId, `re-evaluation requested by ${agent}`);
      await audit('reevaluate', `Re-evaluation requested by ${agent}`, null);
      return res.status(202).json({ ok: true, action, queued: true });
    } catch (error) {
      if (isProposalError(error)) return sendJsonError(res, 422, `proposal_${error.code}`, error.message);
      return fail(res, error);
    }
  });
  return router;
}

interface ConvertInput {
  readonly ticketId: string;
  readonly state: Awaited<ReturnType<HelpdeskPort['load']>>;
  readonly verdict: Verdict;
  readonly agent: string;
  readonly res: Response;
  readonly hours: number;
  readonly scope: string;
  readonly confirmOverBudget?: boolean;
}

/**
 * The agent's Convert: a proposal with their hours and scope, sent with the category change in one
 * write; on a ticket with an open proposal it is version + 1 and the old version is superseded.
 * Over the cap, nothing is made until the policy allows it (require-confirmation: confirmOverBudget).
 */
async function convertToProposal(deps: SidebarDeps, flow: ProposalFlow, input: ConvertInput) {
  const { ticketId, state, agent, res } = input;
  const config = deps.config();
  const contract = contractDetails(input.verdict, config);
  const rate = contract?.hourlyRate ?? config.defaults.hourlyRate;
  const currency = contract?.currency ?? config.defaults.currency;
  const amount = Math.round(input.hours * rate * 100) / 100;
  const reason = { nl: `Op verzoek omgezet naar advies door ${agent}.`, en: `Converted to advisory work by ${agent}.` };
  // The agent may convert a ticket the rules call covered or review: the proposal is theirs.
  const verdict: Verdict = input.verdict.outcome === 'advisory' && input.verdict.proposal
    ? input.verdict
    // The kind is a getter on the engine's verdict, which a spread does not copy: the proposal keeps it.
    : { ...input.verdict, kind: input.verdict.kind, outcome: 'advisory', category: 'advisory', status: 'new', proposal: { hours: input.hours, hourlyRate: rate, currency, amount, reason } };
  const kind: HelpdeskKind = deps.helpdeskKind ?? 'zendesk';
  const open = await flow.openProposalOf(kind, deps.accountId, ticketId);
  const budget = await flow.budgetFor(verdict, { id: open?.id ?? -1, hundredthHours: Math.round(input.hours * 100), subtotal: Math.round(amount * 100) });
  const policy = config.proposals.budgetPolicy;
  if (budget?.overCap && (policy === 'block' || (policy === 'require-confirmation' && !input.confirmOverBudget))) {
    const why = policy === 'block' ? 'the budget policy blocks proposals over the monthly cap' : 'this proposal takes the organization over its monthly cap: send it with confirmOverBudget: true';
    return sendJsonError(res, policy === 'block' ? 422 : 409, 'over_budget', `Not sent: ${why}`);
  }
  const prepared = await flow.prepare({
    helpdesk: kind, accountId: deps.accountId, ticketId, verdict, item: state.item, decisionKey: null,
    agentInput: { hours: input.hours, scope: input.scope }, confirmOverBudget: true,
  });
  const change = flow.sendChange(prepared, { category: 'advisory' }, state.tags);
  await deps.helpdesk.apply(ticketId, change, state.version);
  const { record, note } = await flow.markSent(prepared, deps.helpdesk.live, { actor: agent });
  if (deps.helpdesk.live) {
    await deps.helpdesk.apply(ticketId, { comment: { body: `${note}\n(${agent})`, public: false } }, null).catch(() => undefined);
  }
  await flow.audit(record, 'convert', `Converted to advisory by ${agent}: ${input.hours} h × ${rate.toFixed(2)} ${currency} = ${amount.toFixed(2)} ${currency}; proposal ${record.number} version ${record.version}. Scope: ${input.scope}`, { actor: agent, budget: prepared.budget });
  return res.json({
    ok: true, action: 'convert', applied: deps.helpdesk.live,
    proposal: {
      hours: input.hours, hourlyRate: rate, currency, amount, scope: input.scope,
      number: record.number, version: record.version, status: record.status, total: record.total / 100,
      ...(prepared.superseded ? { supersedes: prepared.superseded.version } : {}),
    },
    budget: prepared.budget,
  });
}
