// A loopback Zendesk double: a real HTTP server on 127.0.0.1 that answers the handful of Support API
// calls the connector makes, in Zendesk's documented shapes, records every call, and can be told to
// misbehave per call (an error status, a delay, a dropped connection, or a response held until the
// test releases it) or to enforce an account's per-minute rate limit. Used by the crash test, the
// fault suite and the benchmarks.
//
// Endpoints, by their operation in Zendesk's OpenAPI for the Support API (developer.zendesk.com/
// api-reference/ticketing/; mirrored in the public repository api-evangelist/zendesk):
//   GET  /api/v2/tickets/{id}.json[?include=users,organizations]  ShowTicket → { ticket, users?, organizations? }
//   GET  /api/v2/tickets/{id}/comments.json[?page[size]&page[after]] ListTicketComments → { comments, meta, links }
//   GET  /api/v2/tickets/{id}/audits.json[?include=tickets,users,organizations&page[size]&page[after]]
//                                                                  ListAuditsForTicket → { audits, tickets?, users?, organizations?, meta, links }
//        (sideloads as the side-loading guide lists them for Audits; which users and organizations come is in fake-zendesk-state.ts)
//   PUT  /api/v2/tickets/{id}.json { ticket: {...} }                UpdateTicket → { ticket, audit }
//        `safe_update` with an `updated_stamp` other than `updated_at` → 409 UpdateConflict
//   POST /api/v2/uploads.json?filename=…  (raw bytes)              UploadFiles → 201 { upload }
//   GET  /api/v2/users/me.json                                     ShowCurrentUser → { user } (the agent InScope acts as)
//   GET  /api/v2/users/{id}.json, /api/v2/organizations/{id}.json  ShowUser, ShowOrganization
// With `rateLimitPerMinute`, every authenticated call counts against that limit (fake-zendesk-rate-limit.ts).
import express, { type Request, type Response } from 'express';
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeRateLimit, TOO_MANY_REQUESTS } from './fake-zendesk-rate-limit.js';
import { createFakeZendeskState, type FakeComment, type FakeJson, type FakeTicket, type FakeZendeskData } from './fake-zendesk-state.js';

export type { FakeComment, FakeOrganization, FakeTicket, FakeUser, FakeZendeskData } from './fake-zendesk-state.js';

export interface FakeZendeskCall {
  readonly seq: number;
  readonly method: string;
  /** Without host or query, e.g. `/api/v2/tickets/48201.json`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Parsed JSON; for an upload `{ bytes }`. Never any header (credentials stay out of the log). */
  readonly body: unknown;
  /** Epoch ms when the request arrived. */
  readonly at: number;
  readonly ticketId: number | null;
  /** Whether an Authorization header (Basic or Bearer) came with it. */
  readonly authorized: boolean;
  /** The status answered; null while held or when the connection was dropped. */
  readonly status: number | null;
  /** A write that changed the ticket world (a PUT or an upload), whether or not its answer arrived. */
  readonly applied: boolean;
  /** An injected fault, or 'rateLimit' when the account's per-minute limit refused the call. */
  readonly fault: FakeFault['kind'] | 'rateLimit' | null;
  /** True once answered or dropped. */
  readonly settled: boolean;
}

export type FakeFault =
  /** Answer with this status (409 gets Zendesk's UpdateConflict body; 429/503 may carry Retry-After). */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSec?: number; readonly body?: unknown }
  /** Wait, then answer normally. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Destroy the connection without an answer; with `afterApply` the write is applied first. */
  | { readonly kind: 'drop'; readonly afterApply?: boolean }
  /**
   * Keep the request open until the test releases it. `afterApply: true` applies the write first
   * (the change is in Zendesk, the answer never left); `false` applies it only on release, and not at
   * all when the client has gone away meanwhile (as if the request never arrived).
   */
  | { readonly kind: 'hold'; readonly afterApply: boolean };

export interface FaultMatch {
  readonly method?: string;
  /** Matched against the path without query. */
  readonly path?: string | RegExp;
  /** How many matching calls get the fault. Default 1. */
  readonly times?: number;
}

export interface HeldCall {
  readonly call: FakeZendeskCall;
  /** Answers the call (applying its write first when that was held back too). */
  release(): void;
}

export interface FakeZendeskOptions extends FakeZendeskData {
  readonly now?: () => number;
  /** Author of the comments the connector adds, and the user /api/v2/users/me answers with. */
  readonly agentId?: number;
  /** The account's API requests a minute (Zendesk plans: 200 to 2500); absent, no limit. */
  readonly rateLimitPerMinute?: number;
}

export interface FakeZendesk {
  readonly url: string;
  /** Every call so far, in arrival order (live records: status and applied fill in as calls settle). */
  readonly calls: readonly FakeZendeskCall[];
  ticket(id: number): FakeTicket | undefined;
  comments(id: number): FakeComment[];
  audits(id: number): FakeJson[];
  inject(fault: FakeFault, match?: FaultMatch): void;
  /** Resolves with the first call (already recorded or still to come) for which `predicate` holds. */
  waitForCall(predicate: (call: FakeZendeskCall) => boolean, timeoutMs?: number): Promise<FakeZendeskCall>;
  /** Resolves with the oldest held call not yet released, waiting for one if there is none. */
  waitForHeld(timeoutMs?: number): Promise<HeldCall>;
  close(): Promise<void>;
}

type MutableCall = { -readonly [K in keyof FakeZendeskCall]: FakeZendeskCall[K] };

const UPDATE_CONFLICT = {
  error: 'UpdateConflict',
  description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
};
const NOT_FOUND = { error: 'RecordNotFound', description: 'Not found' };

function defaultErrorBody(status: number): unknown {
  if (status === 409) return UPDATE_CONFLICT;
  if (status === 404) return NOT_FOUND;
  if (status === 429) return TOO_MANY_REQUESTS;
  return { error: 'ServerError', description: `Fake Zendesk answered ${status}` };
}

const TICKET_PATH = /^\/api\/v2\/tickets\/(\d+)(\.json|\/comments\.json|\/audits\.json)$/;

export async function startFakeZendesk(options: FakeZendeskOptions): Promise<FakeZendesk> {
  const now = options.now ?? Date.now;
  const agentId = options.agentId ?? 900_001;
  const state = createFakeZendeskState(options, now, agentId);
  const rateLimit = options.rateLimitPerMinute === undefined ? null : createFakeRateLimit(options.rateLimitPerMinute, now);
  const calls: MutableCall[] = [];
  const faults: { fault: FakeFault; match: FaultMatch; left: number }[] = [];
  const held: { call: MutableCall; release: () => void }[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const changed = () => events.emit('change');

  const takeFault = (method: string, path: string): FakeFault | null => {
    const entry = faults.find(({ match, left }) => {
      if (left <= 0) return false;
      if (match.method && match.method.toUpperCase() !== method) return false;
      if (match.path === undefined) return true;
      return typeof match.path === 'string' ? match.path === path : match.path.test(path);
    });
    if (!entry) return null;
    entry.left -= 1;
    return entry.fault;
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '5mb' }));
  app.use('/api/v2/uploads.json', express.raw({ type: () => true, limit: '50mb' }));

  app.use(async (req: Request, res: Response) => {
    const path = req.path;
    const ticketMatch = TICKET_PATH.exec(path);
    const query = Object.fromEntries(new URL(req.originalUrl, 'http://fake').searchParams);
    const call: MutableCall = {
      seq: calls.length + 1,
      method: req.method,
      path,
      query,
      body: Buffer.isBuffer(req.body) ? { bytes: req.body.length } : (req.body as unknown),
      at: now(),
      ticketId: ticketMatch ? Number(ticketMatch[1]) : null,
      authorized: /^(Basic|Bearer) \S/.test(req.headers.authorization ?? ''),
      status: null,
      applied: false,
      fault: null,
      settled: false,
    };
    calls.push(call);
    changed();

    let limitHeaders: Readonly<Record<string, string>> = {};
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed || res.writableEnded) return;
      call.status = status;
      call.settled = true;
      res.status(status).set({ ...limitHeaders, ...headers }).json(body);
      changed();
    };
    const drop = () => {
      call.settled = true;
      res.socket?.destroy();
      changed();
    };

    const fault = takeFault(req.method, path);
    call.fault = fault?.kind ?? null;
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (!call.authorized) return send(401, { error: "Couldn't authenticate you" });
    if (fault?.kind === 'status') {
      return send(fault.status, fault.body ?? defaultErrorBody(fault.status), fault.retryAfterSec === undefined ? {} : { 'Retry-After': String(fault.retryAfterSec) });
    }
    if (rateLimit) {
      const limited = rateLimit.take();
      limitHeaders = limited.headers;
      if (!limited.allowed) {
        call.fault = 'rateLimit';
        return send(429, TOO_MANY_REQUESTS);
      }
    }

    // Each route: `write` changes the world and returns the answer; `answer` only reads.
    let write: (() => [number, unknown]) | null = null;
    let answer: (() => [number, unknown]) | null = null;
    const ticketId = call.ticketId;
    if (ticketId !== null && state.ticket(ticketId) === undefined) {
      answer = () => [404, NOT_FOUND];
    } else if (ticketId !== null && req.method === 'GET' && ticketMatch?.[2] === '.json') {
      answer = () => {
        const ticket = state.ticket(ticketId)!;
        const include = (query.include ?? '').split(',').map((s) => s.trim());
        return [200, { ticket, ...state.sideloads(ticket, include) }];
      };
    } else if (ticketId !== null && req.method === 'GET' && ticketMatch?.[2] === '/audits.json') {
      answer = () => {
        const page = cursorPage(state.audits(ticketId), query, 'audits');
        const include = (query.include ?? '').split(',').map((s) => s.trim());
        return [200, { ...page, ...state.auditSideloads(state.ticket(ticketId)!, page.audits as FakeJson[], include) }];
      };
    } else if (ticketId !== null && req.method === 'GET') {
      answer = () => [200, cursorPage(state.comments(ticketId), query, 'comments')];
    } else if (ticketId !== null && req.method === 'PUT' && ticketMatch?.[2] === '.json') {
      const update = ((req.body as FakeJson | undefined)?.ticket ?? null) as FakeJson | null;
      if (update === null) answer = () => [400, { error: 'InvalidValue', description: 'ticket is required' }];
      else if (state.conflicts(ticketId, update)) answer = () => [409, UPDATE_CONFLICT];
      else
        write = () => {
          const result = state.applyUpdate(ticketId, update);
          return [200, result];
        };
    } else if (req.method === 'POST' && path === '/api/v2/uploads.json') {
      const bytes = Buffer.isBuffer(req.body) ? req.body.length : 0;
      write = () => [201, { upload: state.addUpload(query.filename ?? 'file', bytes, req.headers['content-type'] ?? 'application/octet-stream') }];
    } else if (req.method === 'GET' && path === '/api/v2/users/me.json') {
      answer = () => [200, { user: { ...(state.user(agentId) ?? { id: agentId, name: 'InScope', email: 'inscope@example.invalid', role: 'agent', active: true, locale: 'en-US' }), authenticity_token: 'fake-authenticity-token' } }];
    } else if (req.method === 'GET' && /^\/api\/v2\/users\/\d+\.json$/.test(path)) {
      const user = state.user(Number(/(\d+)\.json$/.exec(path)![1]));
      answer = () => (user ? [200, { user }] : [404, NOT_FOUND]);
    } else if (req.method === 'GET' && /^\/api\/v2\/organizations\/\d+\.json$/.test(path)) {
      const organization = state.organization(Number(/(\d+)\.json$/.exec(path)![1]));
      answer = () => (organization ? [200, { organization }] : [404, NOT_FOUND]);
    } else {
      answer = () => [404, { error: 'InvalidEndpoint', description: 'Not found' }];
    }

    const apply = (): [number, unknown] => {
      if (write) {
        const result = write();
        call.applied = true;
        changed();
        return result;
      }
      return answer!();
    };

    if (fault?.kind === 'drop') {
      if (fault.afterApply) apply();
      return drop();
    }
    if (fault?.kind === 'hold') {
      const early = fault.afterApply ? apply() : null;
      let released = false;
      const entry = {
        call,
        release: () => {
          if (released) return;
          released = true;
          held.splice(held.indexOf(entry), 1);
          if (res.destroyed) return;
          const [status, body] = early ?? apply();
          send(status, body);
        },
      };
      // The client went away while held: a write held back is never applied.
      res.on('close', () => {
        if (released) return;
        released = true;
        held.splice(held.indexOf(entry), 1);
        call.settled = true;
        changed();
      });
      held.push(entry);
      changed();
      return;
    }
    const [status, body] = apply();
    send(status, body);
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return;
        clearTimeout(timer);
        events.off('change', check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        events.off('change', check);
        reject(new Error(`fake Zendesk: no ${what} within ${timeoutMs} ms; calls: ${calls.map((c) => `${c.method} ${c.path} ${c.status ?? '-'}`).join(', ')}`));
      }, timeoutMs);
      events.on('change', check);
      check();
    });
  }

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    ticket: (id) => state.ticket(id),
    comments: (id) => state.comments(id),
    audits: (id) => state.audits(id),
    inject(fault, match = {}) {
      faults.push({ fault, match, left: match.times ?? 1 });
    },
    waitForCall: (predicate, timeoutMs = 10_000) => waitFor(() => calls.find(predicate), timeoutMs, 'matching call'),
    waitForHeld: (timeoutMs = 10_000) =>
      waitFor(
        () => {
          const entry = held[0];
          return entry ? { call: entry.call, release: entry.release } : undefined;
        },
        timeoutMs,
        'held call',
      ),
    async close() {
      for (const entry of [...held]) entry.release();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Cursor pagination as Zendesk documents it: `page[size]` (default 100), `page[after]`, `meta.has_more`. */
function cursorPage(all: readonly FakeJson[], query: Readonly<Record<string, string>>, key: string): FakeJson {
  const size = Math.min(100, Math.max(1, Number(query['page[size]'] ?? 100) || 100));
  const start = query['page[after]'] ? Number(Buffer.from(query['page[after]'], 'base64url').toString()) : 0;
  const items = all.slice(start, start + size);
  const hasMore = start + size < all.length;
  const after = hasMore ? Buffer.from(String(start + size)).toString('base64url') : null;
  const before = start > 0 ? Buffer.from(String(start)).toString('base64url') : null;
  return { [key]: items, meta: { has_more: hasMore, after_cursor: after, before_cursor: before }, links: { next: null, prev: null } };
}
