// A small typed Zendesk Support API client over global fetch (not node-zendesk: it resolves 429s
// instead of throwing, loses status codes and fetches one incremental page, see PLATFORM.md).
// Every method throws HelpdeskError on failure; pacing and retries happen underneath.
import type { CallRecord } from '../../shared/call-record.js';
import { HelpdeskError } from '../../shared/helpdesk-error.js';
import { createTokenBucketPacer } from '../../shared/pacer.js';
import type { Pacer } from '../../shared/pacer.js';
import { createRetryPolicy } from '../../shared/retry-policy.js';
import type { RetryOptions } from '../../shared/retry-policy.js';
import { createTtlCache } from '../../shared/ttl-cache.js';
import type { ZendeskAuth } from './zendesk-auth.js';
import type {
  IncrementalTicketsPage,
  ZendeskAudit,
  ZendeskComment,
  ZendeskOrganization,
  ZendeskTicket,
  ZendeskTicketUpdate,
  ZendeskUpload,
  ZendeskUser,
} from './zendesk-api-types.js';
import { getTicketAuditsPage } from './get-ticket-audits-page.js';
import type { AuditSideload, TicketAuditsPage } from './get-ticket-audits-page.js';
import { listAllPages } from './list-all-pages.js';
import { createZendeskRequester } from './zendesk-request.js';
import type { Query } from './zendesk-request.js';
import { createZendeskSetupApi } from './zendesk-setup-api.js';
import type { ZendeskSetupApi } from './zendesk-setup-api.js';

export interface ZendeskClientOptions {
  /** `acme` for acme.zendesk.com; also the pacing account key. */
  readonly subdomain: string;
  readonly auth: ZendeskAuth;
  /** Overrides `https://{subdomain}.zendesk.com` (a proxy, a test server). */
  readonly baseUrl?: string;
  /** The plan's limit (PLATFORM.md: Team 200, Growth/Professional 400, Enterprise 700, Enterprise Plus 2500). Default 400. */
  readonly rateLimitPerMinute?: number;
  /** Share of the plan limit this client may use; the rest is left to agents' apps and other integrations. Default 0.8. */
  readonly budgetShare?: number;
  /** Shared account pacer (see createPacerRegistry); default: one token bucket per client. */
  readonly pacer?: Pacer;
  /** Pacer for incremental exports, which Zendesk limits to 10 requests per minute. */
  readonly incrementalPacer?: Pacer;
  readonly retry?: Omit<RetryOptions, 'delayScale' | 'sleep' | 'random'>;
  /** Multiplies every retry and pacing delay. Default 1; tests use 0.001 or an instant sleep. */
  readonly delayScale?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Clock for the organization cache and call durations. Default Date.now. */
  readonly now?: () => number;
  /**
   * Clock the default pacers refill on. Kept apart from `now` on purpose: a frozen business clock
   * (tests, simulations) would otherwise never refill the bucket. Default performance.now.
   */
  readonly pacingClock?: () => number;
  readonly onCall?: (call: CallRecord) => void;
  /** How long an organization read is reused. Default 10 minutes. */
  readonly organizationTtlMs?: number;
  /** Per attempt. Default 30 s. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export type TicketSideload = 'users' | 'organizations';

export interface TicketWithSideloads {
  readonly ticket: ZendeskTicket;
  readonly users?: readonly ZendeskUser[];
  readonly organizations?: readonly ZendeskOrganization[];
}

export interface ZendeskClient extends ZendeskSetupApi {
  /** One read for ticket, requester (users) and organization: `?include=users,organizations`. */
  getTicket(id: number, options?: { readonly include?: readonly TicketSideload[] }): Promise<TicketWithSideloads>;
  /** All comments, oldest first, following cursor pagination. Attachments live on comments. */
  listTicketComments(id: number): Promise<ZendeskComment[]>;
  /**
   * One page (up to 100) of the ticket's audits, oldest first; pass the page's `after` for the next.
   * Sideloaded organizations fill the organization cache, as with getTicket.
   */
  getTicketAudits(id: number, options?: { readonly include?: readonly AuditSideload[]; readonly after?: string }): Promise<TicketAuditsPage>;
  /** Cached for `organizationTtlMs`; getTicket with `include: ['organizations']` fills the cache too. */
  getOrganization(id: number): Promise<ZendeskOrganization>;
  /** The user the credentials belong to: its id tells InScope's own updates apart from people's. */
  getCurrentUser(): Promise<ZendeskUser>;
  /** GET /api/v2/users/{id}.json (ShowUser): who a sidebar token claims to be, as Zendesk knows them. */
  getUser(id: number): Promise<ZendeskUser>;
  /**
   * PUT /api/v2/tickets/{id}. With `safeUpdate`, Zendesk answers 409 if the ticket changed after
   * `updatedStamp` (the `updated_at` you read): catch it with isConflictError, re-read, decide again.
   */
  updateTicket(
    id: number,
    update: ZendeskTicketUpdate,
    options?: { readonly safeUpdate?: { readonly updatedStamp: string } },
  ): Promise<{ readonly ticket: ZendeskTicket; readonly audit?: ZendeskAudit }>;
  /** Raw upload; put the returned `token` in a comment's `uploads`. Tokens last about 60 minutes. */
  uploadFile(filename: string, bytes: Uint8Array, contentType: string): Promise<ZendeskUpload>;
  /**
   * Cursor-based incremental ticket export, one page per iteration. Start with `startTime` (Unix
   * seconds, at least a minute in the past) or resume with a stored `cursor`. Ends after the page
   * with `endOfStream`; that page's `afterCursor` is where the next run resumes.
   */
  incrementalTickets(start: { readonly startTime?: number; readonly cursor?: string }): AsyncGenerator<IncrementalTicketsPage>;
}

const SUBDOMAIN = /^[a-z0-9][a-z0-9-]{0,62}$/i;

function ticketPath(id: number, suffix = '.json'): string {
  if (!Number.isSafeInteger(id) || id <= 0) throw new HelpdeskError('validation', `Invalid Zendesk id: ${String(id)}`);
  return `/api/v2/tickets/${id}${suffix}`;
}

export function createZendeskClient(options: ZendeskClientOptions): ZendeskClient {
  if (!SUBDOMAIN.test(options.subdomain)) {
    throw new HelpdeskError('config', 'Zendesk subdomain must be the bare account name, e.g. "acme"');
  }
  const now = options.now ?? Date.now;
  const timing = {
    now: options.pacingClock ?? (() => performance.now()),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.delayScale === undefined ? {} : { delayScale: options.delayScale }),
  };
  const budget = (options.rateLimitPerMinute ?? 400) * (options.budgetShare ?? 0.8);
  const request = createZendeskRequester({
    baseUrl: options.baseUrl ?? `https://${options.subdomain}.zendesk.com`,
    auth: options.auth,
    pacer: options.pacer ?? createTokenBucketPacer({ ratePerMinute: budget, ...timing }),
    retry: createRetryPolicy({
      ...options.retry,
      ...(options.random ? { random: options.random } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.delayScale === undefined ? {} : { delayScale: options.delayScale }),
    }),
    ...(options.onCall ? { onCall: options.onCall } : {}),
    now,
    timeoutMs: options.timeoutMs ?? 30_000,
    fetch: options.fetch ?? globalThis.fetch,
  });
  // Incremental exports: 10 requests per minute (PLATFORM.md), counted separately by Zendesk.
  const incrementalPacer = options.incrementalPacer ?? createTokenBucketPacer({ ratePerMinute: 10, burst: 1, ...timing });
  const organizations = createTtlCache<number, ZendeskOrganization>({ ttlMs: options.organizationTtlMs ?? 600_000, now });
  const pendingOrganizations = new Map<number, Promise<ZendeskOrganization>>();

  return {
    ...createZendeskSetupApi(request),

    async getTicket(id, { include = [] } = {}) {
      const body = await request<TicketWithSideloads>('GET', ticketPath(id), {
        query: { include: include.length ? include.join(',') : undefined },
      });
      for (const org of body.organizations ?? []) organizations.set(org.id, org);
      return body;
    },

    listTicketComments(id) {
      return listAllPages<ZendeskComment>(request, ticketPath(id, '/comments.json'), 'comments');
    },

    async getTicketAudits(id, options) {
      const page = await getTicketAuditsPage(request, ticketPath(id, '/audits.json'), options);
      for (const org of page.organizations ?? []) organizations.set(org.id, org);
      return page;
    },

    async getCurrentUser() {
      const { user } = await request<{ user: ZendeskUser }>('GET', '/api/v2/users/me.json');
      return user;
    },
    async getUser(id) {
      if (!Number.isSafeInteger(id) || id <= 0) throw new HelpdeskError('validation', `Invalid Zendesk id: ${String(id)}`);
      const { user } = await request<{ user: ZendeskUser }>('GET', `/api/v2/users/${id}.json`);
      return user;
    },
    async getOrganization(id) {
      const cached = organizations.get(id);
      if (cached) return cached;
      if (!Number.isSafeInteger(id) || id <= 0) throw new HelpdeskError('validation', `Invalid Zendesk id: ${String(id)}`);
      // Concurrent jobs for tickets of one organization share a single read.
      let pending = pendingOrganizations.get(id);
      if (!pending) {
        pending = request<{ organization: ZendeskOrganization }>('GET', `/api/v2/organizations/${id}.json`)
          .then(({ organization }) => {
            organizations.set(id, organization);
            return organization;
          })
          .finally(() => pendingOrganizations.delete(id));
        pendingOrganizations.set(id, pending);
      }
      return pending;
    },

    updateTicket(id, update, { safeUpdate } = {}) {
      const ticket = safeUpdate ? { ...update, safe_update: true, updated_stamp: safeUpdate.updatedStamp } : update;
      return request('PUT', ticketPath(id), { json: { ticket }, idempotent: update.comment === undefined });
    },

    async uploadFile(filename, bytes, contentType) {
      const { upload } = await request<{ upload: ZendeskUpload }>('POST', '/api/v2/uploads.json', {
        query: { filename },
        body: bytes,
        contentType,
      });
      return upload;
    },

    async *incrementalTickets({ startTime, cursor }) {
      if (cursor === undefined && startTime === undefined) {
        throw new HelpdeskError('config', 'incrementalTickets needs a startTime or a cursor');
      }
      let query: Query = cursor === undefined ? { start_time: startTime } : { cursor };
      for (;;) {
        const body = await request<{ tickets?: ZendeskTicket[]; after_cursor?: string | null; end_of_stream?: boolean }>(
          'GET',
          '/api/v2/incremental/tickets/cursor.json',
          { query, pacer: incrementalPacer },
        );
        const page: IncrementalTicketsPage = {
          tickets: body.tickets ?? [],
          afterCursor: body.after_cursor ?? null,
          endOfStream: body.end_of_stream === true,
        };
        yield page;
        if (page.endOfStream || page.afterCursor === null) return;
        query = { cursor: page.afterCursor };
      }
    },
  };
}
