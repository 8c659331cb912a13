// The JSON API the sidebar apps call through the helpdesk's proxy, behind the app JWT: the verdict
// for a ticket with its trace, contract and budget, and the agent's one-click actions.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Engine, Locale, Verdict } from '../../rules/index.js';
import type { CoverageConfig } from '../config/config-schema.js';
import type { HelpdeskPort, TicketChange } from '../core/helpdesk-port.js';
import { overrideTag } from '../core/plan-decision.js';
import { pickLocale, renderInternalNote, renderMissingInfoRequest } from '../core/render-notes.js';
import { getAppClaims } from '../http/create-app-jwt-middleware.js';
import { sendJsonError } from '../http/send-json-error.js';
import { isHelpdeskError } from '../shared/helpdesk-error.js';
import type { Store } from '../store/store.js';

export interface SidebarDeps {
  readonly store: Store;
  readonly helpdesk: HelpdeskPort;
  readonly engine: () => Engine;
  readonly config: () => CoverageConfig;
  readonly accountId: string;
  readonly now: () => number;
  /** Queue a re-evaluation of the ticket through the normal job path. */
  readonly enqueue: (ticketId: string, reason: string) => Promise<void>;
}

const TICKET_ID = /^[1-9][0-9]{0,18}$/;

const actionBodies = {
  approve: z.strictObject({ reason: z.string().trim().max(2000).optional() }),
  'request-info': z.strictObject({}),
  convert: z.strictObject({ hours: z.number().positive().max(1000), scope: z.string().trim().min(3).max(4000) }),
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
  router.use(express.json({ limit: '32kb' }));

  const loadVerdict = async (ticketId: string) => {
    const state = await deps.helpdesk.load(ticketId, []);
    return { state, verdict: deps.engine().triage(state.item) };
  };

  router.get('/tickets/:id/verdict', async (req: Request, res: Response) => {
    const ticketId = String(req.params.id);
    if (!TICKET_ID.test(ticketId)) return sendJsonError(res, 400, 'ticket_id', 'The ticket id must be a positive whole number');
    try {
      const last = await deps.store.lastDecision('zendesk', deps.accountId, ticketId);
      if (!deps.helpdesk.live) {
        // Shadow mode cannot read the ticket: show the decision recorded from its last delivery.
        if (!last) return sendJsonError(res, 404, 'not_seen', `Ticket ${ticketId} has not reached InScope yet (shadow mode reads tickets only from webhook deliveries)`);
        const verdict = last.verdict as Verdict;
        return res.json({ ticket: { id: ticketId, subject: (last.verdict as { subject?: string }).subject ?? '', category: null, status: null }, verdict, contract: contractDetails(verdict, deps.config()), budget: null, lastDecision: { at: new Date(last.at).toISOString(), outcome: last.outcome, rule: last.rule, note: last.note }, shadow: true });
      }
      const { state, verdict } = await loadVerdict(ticketId);
      res.json({
        ticket: { id: ticketId, subject: state.item.subject, category: state.category, status: state.status },
        verdict: { ...verdict, trace: verdict.trace },
        contract: contractDetails(verdict, deps.config()),
        budget: null,
        lastDecision: last ? { at: new Date(last.at).toISOString(), outcome: last.outcome, rule: last.rule, note: last.note } : null,
      });
    } catch (error) {
      fail(res, error);
    }
  });

  router.post('/tickets/:id/actions/:action', async (req: Request, res: Response) => {
    const ticketId = String(req.params.id);
    const action = String(req.params.action) as Action;
    if (!TICKET_ID.test(ticketId)) return sendJsonError(res, 400, 'ticket_id', 'The ticket id must be a positive whole number');
    if (!Object.hasOwn(actionBodies, action)) return sendJsonError(res, 404, 'action', `Unknown action "${action}": use approve, request-info, convert or reevaluate`);
    if (!deps.helpdesk.live) return sendJsonError(res, 409, 'shadow_mode', 'The connector runs in shadow mode: it reads tickets only from webhook deliveries and writes nothing, so actions are not available');
    const schema = actionBodies[action];
    const body = schema.safeParse(req.body ?? {});
    if (!body.success) return sendJsonError(res, 400, 'body', body.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
    const agent = agentOf(res);
    const config = deps.config();
    const locale: Locale = config.defaults.locale;
    try {
      const { state, verdict } = await loadVerdict(ticketId);
      const audit = (rule: string, note: string, change: TicketChange | null) =>
        deps.store.appendAudit({
          helpdesk: 'zendesk',
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
      return fail(res, error);
    }
  });
  return router;
}
