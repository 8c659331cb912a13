// The customer's side of a proposal: GET /p/:token shows the summary with Accept and Decline;
// POST /p/:token/accept and /decline record the choice with its time and IP. The signed token is the
// capability (no session, no cookie), so a cross-site form cannot act without it. A shadow-mode
// proposal (never sent) opens as a marked preview whose buttons record nothing. A tampered,
// expired, superseded or used link gets a clear page and changes nothing.
import express, { type Request, type Response, type Router } from 'express';
import type { Locale } from '../../rules/index.js';
import type { HelpdeskPort } from '../core/helpdesk-port.js';
import type { ProposalFlow } from '../proposals/create-proposal-flow.js';
import { proposalExpiresAt } from '../proposals/proposal-expiry.js';
import { hashProposalToken, verifyProposalToken } from '../proposals/proposal-token.js';
import { renderProposalPage, type ProposalPageState } from '../proposals/render-proposal-page.js';
import type { ProposalRecord } from '../store/proposal-store.js';
import type { HelpdeskKind } from '../store/store.js';

export interface ProposalRouterDeps {
  readonly flow: ProposalFlow;
  readonly helpdeskFor: (kind: HelpdeskKind) => HelpdeskPort;
  readonly locale: () => Locale;
}

const STATUS: Record<ProposalPageState, number> = { open: 200, accepted: 200, declined: 200, expired: 410, used: 409, superseded: 410, invalid: 404, preview: 200 };

export function createProposalRouter(deps: ProposalRouterDeps): Router {
  const router = express.Router();
  const { flow } = deps;

  async function resolve(token: string): Promise<{ state: ProposalPageState; record: ProposalRecord | null }> {
    const check = verifyProposalToken(token, flow.secret, flow.now());
    const claims = check.ok ? check.claims : check.reason === 'expired' ? check.claims : undefined;
    if (!claims) return { state: 'invalid', record: null };
    const record = await flow.store.findProposal(flow.vendor(), claims.number, claims.version);
    if (!record || record.tokenHash !== hashProposalToken(token)) return { state: 'invalid', record: null };
    if (record.status === 'superseded') return { state: 'superseded', record };
    if (record.status === 'expired') return { state: 'expired', record };
    // A draft with a PDF on disk is a shadow-mode proposal: its printed link shows a marked preview.
    if (record.status === 'draft' && record.pdfPath !== null) return { state: 'preview', record };
    if (record.status !== 'sent') return { state: record.status === 'draft' ? 'invalid' : 'used', record };
    if (!check.ok || flow.now() >= proposalExpiresAt(record)) return { state: 'expired', record };
    return { state: 'open', record };
  }

  function send(res: Response, state: ProposalPageState, record: ProposalRecord | null, token: string, highlight?: 'decline', previewChoice?: boolean) {
    res.status(STATUS[state]).set('Cache-Control', 'no-store').type('html').send(renderProposalPage({
      state, record, action: encodeURIComponent(token), locale: deps.locale(), vendorName: flow.vendor(), ...(highlight ? { highlight } : {}),
      ...(previewChoice ? { previewChoice } : {}),
    }));
  }

  router.get('/p/:token', async (req: Request, res: Response) => {
    const token = String(req.params.token);
    const { state, record } = await resolve(token);
    send(res, state, record, token, req.query.choice === 'decline' ? 'decline' : undefined);
  });

  router.post('/p/:token/:choice', async (req: Request, res: Response) => {
    const token = String(req.params.token);
    const choice = String(req.params.choice);
    if (choice !== 'accept' && choice !== 'decline') return send(res, 'invalid', null, token);
    const { state, record } = await resolve(token);
    // A choice on a shadow preview records nothing: the page says so.
    if (state === 'preview') return send(res, state, record, token, undefined, true);
    if (state !== 'open' || !record) return send(res, state, record, token);
    const decided = await flow.decide(record, choice === 'accept' ? 'accepted' : 'declined', deps.helpdeskFor(record.helpdesk), {
      ...(req.ip === undefined ? {} : { ip: req.ip }),
      actor: `${record.document.contact.email ?? 'customer'} via link`,
    });
    // Null: a reply or another click decided it a moment earlier; show what stands now.
    if (!decided) return send(res, 'used', await flow.store.getProposal(record.id), token);
    send(res, decided.status === 'accepted' ? 'accepted' : 'declined', decided, token);
  });
  return router;
}
