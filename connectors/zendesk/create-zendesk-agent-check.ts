// Who acts in the Zendesk sidebar, as Zendesk knows them. The sidebar's token is signed by Zendesk's
// proxy with the app's secure setting, but its claims (`sub`, `email`) are set by the app's
// JavaScript in the browser (ZAF `client.request`, `jwt.claims`): nothing in it is attested by
// Zendesk. So the connector looks the claimed user up with its own credentials and takes name and
// email from Zendesk, and only an active, unsuspended agent or admin may act. What this cannot
// prove is that the caller *is* that user: see docs/zendesk-app.md, "Threat model".
import { isHelpdeskError } from '../shared/helpdesk-error.js';
import type { ZendeskClient } from './client/create-zendesk-client.js';
import { createTtlCache } from '../shared/ttl-cache.js';

export type AgentCheck =
  | { readonly ok: true; readonly actor: string; readonly userId: number }
  | { readonly ok: false; readonly code: 'agent_unverified' | 'not_an_agent'; readonly message: string };

const USER_ID = /^[1-9][0-9]{0,15}$/;
const AGENT_ROLES = new Set(['agent', 'admin']);

export interface ZendeskAgentCheckOptions {
  readonly now?: () => number;
  /** How long a verified agent is remembered; a demoted agent may act this long. Default 5 minutes. */
  readonly ttlMs?: number;
}

export function createZendeskAgentCheck(client: Pick<ZendeskClient, 'getUser'>, options: ZendeskAgentCheckOptions = {}): (claimedUserId: unknown) => Promise<AgentCheck> {
  const cache = createTtlCache<number, AgentCheck>({ ttlMs: options.ttlMs ?? 5 * 60_000, ...(options.now && { now: options.now }), maxEntries: 500 });
  return async (claimedUserId) => {
    const text = typeof claimedUserId === 'number' ? String(claimedUserId) : claimedUserId;
    if (typeof text !== 'string' || !USER_ID.test(text)) {
      return { ok: false, code: 'agent_unverified', message: 'The token names no Zendesk user id (claim `sub`)' };
    }
    const id = Number(text);
    const cached = cache.get(id);
    if (cached) return cached;
    let verdict: AgentCheck;
    try {
      const user = await client.getUser(id);
      const agent = AGENT_ROLES.has(user.role ?? '') && user.active !== false && user.suspended !== true;
      verdict = agent
        ? { ok: true, userId: id, actor: user.email || `${user.name ?? 'Zendesk user'} (${id})` }
        : { ok: false, code: 'not_an_agent', message: `Zendesk user ${id} is not an active agent of this account` };
    } catch (error) {
      if (!isHelpdeskError(error) || error.kind !== 'notFound') throw error;
      verdict = { ok: false, code: 'not_an_agent', message: `Zendesk user ${id} does not exist in this account` };
    }
    cache.set(id, verdict);
    return verdict;
  };
}
