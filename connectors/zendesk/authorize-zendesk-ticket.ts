// Per-request authorisation for the Zendesk sidebar API, as far as Zendesk lets a server check it
// (docs/zendesk-app.md, "Threat model"). The app token proves the request came through Zendesk's
// proxy from this account's app (only the proxy knows the secure setting that signs it); its claims
// are the browser's. So: a token that names a ticket (`ticket_id`) may only be used on that ticket;
// writes need a claimed user that Zendesk confirms is an active agent, and the actor is what
// Zendesk says about that user, never the token's `email`.
import type { AgentCheck } from './create-zendesk-agent-check.js';
import type { TicketAccess, TicketAuthorization } from '../http/authorize-forge-issue.js';
import type { AppClaims } from '../http/verify-app-jwt.js';

export async function authorizeZendeskTicket(
  claims: AppClaims,
  ticketId: string,
  access: TicketAccess,
  checkAgent: ((claimedUserId: unknown) => Promise<AgentCheck>) | null,
): Promise<TicketAuthorization> {
  const named = claims['ticket_id'];
  if (named !== undefined && String(named) !== ticketId) {
    return { ok: false, status: 403, code: 'ticket_mismatch', message: 'The token was issued for another ticket' };
  }
  const claimed = `zendesk-user:${String(claims.sub ?? 'unknown')}`;
  if (access === 'read') return { ok: true, actor: claimed };
  // Shadow mode has no API credentials to ask Zendesk with; it refuses every action anyway (409).
  if (checkAgent === null) return { ok: true, actor: `${claimed} (unverified)` };
  const agent = await checkAgent(claims.sub);
  return agent.ok ? { ok: true, actor: agent.actor } : { ok: false, status: 403, code: agent.code, message: agent.message };
}
