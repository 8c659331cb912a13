// The connector end to end: signed deliveries through the real HTTP server, the real SQLite store and
// worker pool, with nock standing in for the Zendesk API only. Asserts the exact outbound calls.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signAppJwt } from '../../connectors/http/sign-app-jwt.js';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { signZendeskDelivery } from '../../connectors/zendesk/webhook/verify-zendesk-signature.js';
import { anchoredClock } from '../helpers/anchored-clock.js';
import { settleQueue } from '../helpers/settle-queue.js';
import { mockZendeskTicketRead } from '../helpers/nock-zendesk-ticket-read.js';

const ZENDESK = 'https://acme.zendesk.com';
const SECRET = 'webhook-signing-secret-for-tests';
const APP_SECRET = 'app-secret-for-tests';
const FIELD = { category: 360001000001 };
const STATUS = { new: 19000000101, approved: 19000000102 };
const root = path.resolve(import.meta.dirname, '../..');
// The proposal number carries the year of the service's clock: anchor it, so that P-2026-0001 holds in any year.
const now = anchoredClock('2026-11-27T10:00:00.000Z');

type Ticket = Record<string, unknown> & { id: number; updated_at: string; tags: string[]; custom_fields: { id: number; value: unknown }[] };

/** An example ticket as Zendesk would return it before anyone categorised it. */
function freshTicket(id: number): Ticket {
  const file = fs.readdirSync(path.join(root, 'examples/tickets')).find((f) => f.startsWith(`zendesk-${id}-`))!;
  const { ticket } = JSON.parse(fs.readFileSync(path.join(root, 'examples/tickets', file), 'utf8')) as { ticket: Ticket };
  return {
    ...ticket,
    custom_status_id: 1,
    custom_fields: ticket.custom_fields.map((f) => (f.id === FIELD.category ? { ...f, value: null } : f)),
  };
}

function organization(id: number) {
  return { id, name: `Organization ${id}`, url: `${ZENDESK}/api/v2/organizations/${id}.json`, domain_names: [], tags: [], organization_fields: {} };
}

function requester(id: number, locale = 'nl') {
  return { id, name: 'Anouk Jansen', email: 'anouk@bakkerijjansen.nl', locale, role: 'end-user' };
}

function mockReads(ticket: Ticket, times = 1) {
  mockZendeskTicketRead(ZENDESK, { ticket, users: [requester(ticket.requester_id as number)], organizations: [organization(ticket.organization_id as number)] }, times);
}

function capturePut(ticket: Ticket, status = 200, bodies: unknown[] = []) {
  nock(ZENDESK)
    .put(`/api/v2/tickets/${ticket.id}.json`, (body) => {
      bodies.push(body);
      return true;
    })
    .reply(status, status === 200 ? { ticket, audit: { id: 1, events: [] } } : status === 409 ? { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data.' } : { error: 'InternalError' });
  return bodies;
}

function delivery(type: string, ticket: Ticket, eventId: string, extra: Record<string, unknown> = {}) {
  return {
    account_id: 21234567,
    detail: {
      id: String(ticket.id),
      subject: ticket.subject,
      description: ticket.description,
      status: 'OPEN',
      organization_id: String(ticket.organization_id),
      requester_id: String(ticket.requester_id),
      created_at: ticket.created_at,
      updated_at: ticket.updated_at,
      tags: ticket.tags,
      priority: 'NORMAL',
      via: { channel: 'web_form' },
    },
    event: {},
    id: eventId,
    subject: `zen:ticket:${ticket.id}`,
    time: '2026-11-27T10:00:00.000Z',
    type: `zen:event-type:${type}`,
    zendesk_event_version: '2022-11-06',
    ...extra,
  };
}

let service: Service;
let dir: string;
let invocation = 0;

async function post(body: unknown, options: { secret?: string; headers?: Record<string, string>; raw?: string } = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const timestamp = new Date(now()).toISOString();
  const signature = signZendeskDelivery(options.secret ?? SECRET, timestamp, raw);
  return fetch(`${service.url}/webhooks/zendesk`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-signature': signature,
      'x-zendesk-webhook-signature-timestamp': timestamp,
      'x-zendesk-webhook-invocation-id': `inv-${++invocation}`,
      'x-zendesk-account-id': '21234567',
      'x-zendesk-webhook-id': '01HWEBHOOK',
      ...options.headers,
    },
    body: raw,
  });
}

const settle = (): Promise<void> => settleQueue(service);

async function start(configFile = path.join(root, 'examples/coverage.yaml')) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-connector-'));
  service = await startService({
    settings: readSettings({
      PORT: '0',
      HOST: '127.0.0.1',
      INSCOPE_CONFIG: configFile,
      DATABASE_URL: path.join(dir, 'inscope.db'),
      ZENDESK_SUBDOMAIN: 'acme',
      ZENDESK_EMAIL: 'bot@veldhuis-software.nl',
      ZENDESK_API_TOKEN: 'api-token-for-tests',
      ZENDESK_WEBHOOK_SECRET: SECRET,
      INSCOPE_APP_SECRET: APP_SECRET,
      INSCOPE_WORKERS: '1',
      ZENDESK_BOT_USER_ID: '900000001',
    }),
    now,
    delayScale: 0.001,
    pollMs: 2,
    retryBaseMs: 1,
  });
}

async function stop() {
  await service.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe('triage through the live connector', () => {
  beforeEach(() => start());
  afterEach(() => stop());

  it('writes a covered Call with one read and one safe update: category, New status, tags and an internal note', async () => {
    const ticket = freshTicket(48222);
    mockReads(ticket);
    const bodies = capturePut(ticket);
    const res = await post(delivery('ticket.created', ticket, 'evt-covered'));
    expect(res.status).toBe(202);
    await settle();
    expect(nock.isDone()).toBe(true);
    expect(bodies).toHaveLength(1);
    const update = (bodies[0] as { ticket: Record<string, unknown> }).ticket;
    expect(update.custom_fields).toEqual([{ id: FIELD.category, value: 'call' }]);
    expect(update.custom_status_id).toBe(STATUS.new);
    expect(update.tags).toEqual(expect.arrayContaining(['inscope_covered', expect.stringMatching(/^inscope_d_[0-9a-f]{8}$/), ...ticket.tags]));
    expect(update.comment).toMatchObject({ public: false, body: expect.stringContaining('defect') });
    expect(update.safe_update).toBe(true);
    expect(update.updated_stamp).toBe(ticket.updated_at);
    const [decision] = await service.store.listAudit({ ticketId: '48222', limit: 5 });
    expect(decision).toMatchObject({ kind: 'decision', outcome: 'covered', rule: 'defect' });
    expect(decision!.calls.map((c) => c.method === 'GET' ? `GET ${c.path}` : `${c.method} ${c.status}`)).toEqual(['GET /api/v2/tickets/48222/audits.json', 'PUT 200']);
  });

  it.each([
    ['covered', 'a screenshot and a log stand in for the error text', 2],
    ['incomplete', 'without them the customer is asked for the error text', 0],
  ] as const)('reads the ticket and the attachments of its comments in one call when the decision needs them: %s, %s', async (outcome, _why, files) => {
    // Crash report 48220 without its error text field and its steps: only its attachments can complete it.
    const file = fs.readdirSync(path.join(root, 'examples/tickets')).find((f) => f.startsWith('zendesk-48220-'))!;
    const { comments, users, organizations } = JSON.parse(fs.readFileSync(path.join(root, 'examples/tickets', file), 'utf8')) as { comments: ({ attachments: unknown[] } & Record<string, unknown>)[]; users: unknown[]; organizations: unknown[] };
    const base = freshTicket(48220);
    const ticket = { ...base, description: 'Veldhuis Planner 4.1 crasht op alle werkplekken. In de bijlage de schermafdruk en het logbestand.', custom_fields: base.custom_fields.map((f) => (f.id === 360001000005 ? { ...f, value: null } : f)) };
    mockZendeskTicketRead(ZENDESK, { ticket, users, organizations, comments: comments.map((c) => ({ ...c, attachments: c.attachments.slice(0, files) })) });
    capturePut(ticket);
    await post(delivery('ticket.created', ticket, `evt-attachments-${files}`));
    await settle();
    expect(nock.isDone()).toBe(true);
    const [decision] = await service.store.listAudit({ ticketId: '48220', limit: 1 });
    expect(decision).toMatchObject({ kind: 'decision', outcome });
    expect(decision!.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/v2/tickets/48220/audits.json', 'PUT /api/v2/tickets/48220.json']);
  });

  it('auto-approves a covered defect for a contract that allows it', async () => {
    const ticket = freshTicket(48201);
    mockReads(ticket);
    const bodies = capturePut(ticket);
    await post(delivery('ticket.created', ticket, 'evt-auto'));
    await settle();
    expect((bodies[0] as { ticket: Record<string, unknown> }).ticket.custom_status_id).toBe(STATUS.approved);
  });

  it('converts an uncovered how-to question to advisory with the proposal PDF and its hours and total in one update', async () => {
    const ticket = freshTicket(48203);
    mockReads(ticket);
    nock(ZENDESK).post('/api/v2/uploads.json').query({ filename: 'P-2026-0001-v1.pdf' }).reply(201, { upload: { token: 'upload-token-1' } });
    const bodies = capturePut(ticket);
    await post(delivery('ticket.created', ticket, 'evt-advisory'));
    await settle();
    expect(nock.isDone()).toBe(true);
    expect(bodies).toHaveLength(1);
    const update = (bodies[0] as { ticket: Record<string, unknown> }).ticket;
    expect(update.custom_fields).toEqual([{ id: FIELD.category, value: 'advisory' }]);
    expect(update.custom_status_id).toBe(STATUS.new);
    expect(update.comment).toMatchObject({ public: true, uploads: ['upload-token-1'], body: expect.stringContaining('P-2026-0001') });
    expect((update.comment as { body: string }).body).toMatch(/Geschatte uren: 3\nTotaal: €\s490,05 \(€\s405,00 plus 21% btw\)/);
    const decision = (await service.store.listAudit({ ticketId: '48203', limit: 10 })).find((a) => a.kind === 'decision');
    expect(decision!.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/v2/tickets/48203/audits.json', 'POST /api/v2/uploads.json', 'PUT /api/v2/tickets/48203.json']);
  });

  it('asks the customer for the missing items in a public comment in their language', async () => {
    const ticket = freshTicket(48224);
    mockReads(ticket);
    const bodies = capturePut(ticket);
    await post(delivery('ticket.created', ticket, 'evt-incomplete'));
    await settle();
    const update = (bodies[0] as { ticket: Record<string, unknown> }).ticket;
    expect(update.custom_fields).toEqual([{ id: FIELD.category, value: 'call' }]);
    const comment = update.comment as { body: string; public: boolean };
    expect(comment.public).toBe(true);
    expect(comment.body).toMatch(/^Bedankt voor uw melding/);
    expect(comment.body).toMatch(/Welke versie/);
  });

  it('makes one decision for a delivery repeated with a new invocation id', async () => {
    const ticket = freshTicket(48222);
    mockReads(ticket);
    const bodies = capturePut(ticket);
    const body = delivery('ticket.created', ticket, 'evt-dup');
    expect((await post(body)).status).toBe(202);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'duplicate' });
    await settle();
    expect(bodies).toHaveLength(1);
    expect(await service.store.listAudit({ ticketId: '48222', limit: 10 })).toHaveLength(1);
  });

  it('writes nothing again when its own update comes back as an event (loop guard)', async () => {
    const ticket = freshTicket(48222);
    mockReads(ticket);
    const bodies = capturePut(ticket);
    await post(delivery('ticket.created', ticket, 'evt-first'));
    await settle();
    const written = (bodies[0] as { ticket: { tags: string[]; custom_status_id: number } }).ticket;
    const updated: Ticket = { ...ticket, tags: written.tags, custom_status_id: written.custom_status_id, custom_fields: ticket.custom_fields.map((f) => (f.id === FIELD.category ? { ...f, value: 'call' } : f)), updated_at: '2026-11-27T10:00:05Z' };
    mockReads(updated);
    await post(delivery('ticket.custom_field_changed', updated, 'evt-echo', { event: { custom_field: { id: String(FIELD.category) }, current: 'call', previous: null } }));
    await settle();
    expect(nock.isDone()).toBe(true);
    expect(bodies).toHaveLength(1);
    const [latest] = await service.store.listAudit({ ticketId: '48222', limit: 1 });
    expect(latest!.note).toMatch(/already applied/);
  });

  it('does not queue the events its own updates cause', async () => {
    const ticket = freshTicket(48222);
    const body = delivery('ticket.custom_field_changed', ticket, 'evt-own', { event: { custom_field: { id: String(FIELD.category) }, current: 'call', previous: null } });
    const res = await post({ ...body, detail: { ...body.detail, actor_id: '900000001' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ignored' });
    expect(await service.store.queueDepth()).toEqual({ queued: 0, running: 0, done: 0, dead: 0 });
  });

  it('re-reads and decides again when the safe update conflicts (409)', async () => {
    const ticket = freshTicket(48222);
    mockReads(ticket, 2);
    const bodies: unknown[] = [];
    capturePut(ticket, 409, bodies);
    capturePut(ticket, 200, bodies);
    await post(delivery('ticket.created', ticket, 'evt-409'));
    await settle();
    expect(nock.isDone()).toBe(true);
    expect(bodies).toHaveLength(2);
    const [decision] = await service.store.listAudit({ ticketId: '48222', limit: 1 });
    expect(decision!.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 200', 'PUT 409', 'GET 200', 'PUT 200']);
  });

  it('honours Retry-After on a 429 and carries on', async () => {
    const ticket = freshTicket(48222);
    nock(ZENDESK).get(`/api/v2/tickets/${ticket.id}/audits.json`).query(true).reply(429, { error: 'TooManyRequests' }, { 'Retry-After': '7' });
    mockReads(ticket);
    const bodies = capturePut(ticket);
    await post(delivery('ticket.created', ticket, 'evt-429'));
    await settle();
    expect(nock.isDone()).toBe(true);
    expect(bodies).toHaveLength(1);
  });

  it('survives a 500 storm on the write: the job is retried until Zendesk recovers, with one decision', async () => {
    const ticket = freshTicket(48222);
    mockReads(ticket, 4);
    const bodies: unknown[] = [];
    for (let i = 0; i < 3; i++) capturePut(ticket, 500, bodies);
    capturePut(ticket, 200, bodies);
    await post(delivery('ticket.created', ticket, 'evt-500'));
    await settle();
    expect(nock.isDone()).toBe(true);
    expect(bodies).toHaveLength(4);
    const audit = await service.store.listAudit({ ticketId: '48222', limit: 10 });
    expect(audit.filter((a) => a.kind === 'decision')).toHaveLength(1);
    expect(audit.filter((a) => a.kind === 'error')).toHaveLength(3);
    const [job] = await service.store.listJobs({ state: 'done', limit: 1 });
    expect(job!.attempts).toBe(4);
  });
});

describe('bad deliveries are refused with a reason and leave nothing behind', () => {
  beforeAll(() => start());
  afterAll(() => stop());

  const ticket = () => freshTicket(48222);
  it.each([
    ['a wrong content type', () => post(delivery('ticket.created', ticket(), 'bad-1'), { headers: { 'content-type': 'text/plain' } }), 415, { code: 'content_type', message: 'Content-Type must be application/json' }],
    ['a missing signature header', () => post(delivery('ticket.created', ticket(), 'bad-2'), { headers: { 'x-zendesk-webhook-signature': '' } }), 400, { code: 'missing_headers', message: 'Missing required header(s): x-zendesk-webhook-signature' }],
    ['a signature made with another secret', () => post(delivery('ticket.created', ticket(), 'bad-3'), { secret: 'someone-else' }), 401, { code: 'signature', message: 'Signature does not match' }],
    ['a body over the limit', () => post(null, { raw: JSON.stringify({ padding: 'x'.repeat(300 * 1024) }) }), 413, { code: 'too_large', message: 'Body exceeds 262144 bytes' }],
    ['a body that is not JSON', () => post(null, { raw: '{"type": "zen:event-type:ticket.created",' }), 400, { code: 'json', message: 'Body is not valid JSON in UTF-8' }],
    ['an event without a ticket id', () => post({ ...delivery('ticket.created', ticket(), 'bad-6'), subject: 'zen:ticket:', detail: {} }), 422, { code: 'invalid', message: 'Delivery failed validation: detail.id: Invalid input' }],
  ])('refuses %s', async (_name, send, status, error) => {
    const res = await send();
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject(error);
    expect(await service.store.queueDepth()).toEqual({ queued: 0, running: 0, done: 0, dead: 0 });
  });
});

describe('the path guard', () => {
  async function approvedWhileIncomplete(mode: 'revert' | 'warn' | 'off') {
    const config = fs.readFileSync(path.join(root, 'examples/coverage.yaml'), 'utf8').replace(/pathGuard: \w+/, `pathGuard: ${mode}`);
    const file = path.join(os.tmpdir(), `inscope-guard-${mode}-${process.pid}.yaml`);
    fs.writeFileSync(file, config.includes('pathGuard:') ? config : config.replace(/^connector:\n/m, `connector:\n  pathGuard: ${mode}\n`));
    await start(file);
    try {
      const ticket: Ticket = { ...freshTicket(48224), custom_status_id: STATUS.approved };
      mockReads(ticket);
      const bodies = capturePut(ticket);
      await post(delivery('ticket.status_changed', ticket, `evt-guard-${mode}`, { event: { current: 'OPEN', previous: 'NEW' } }));
      await settle();
      return { bodies: bodies as { ticket: Record<string, unknown> }[], audit: await service.store.listAudit({ ticketId: '48224', limit: 5 }) };
    } finally {
      await stop();
      fs.rmSync(file);
    }
  }

  it('reverts a ticket approved while incomplete back to New with a note saying why', async () => {
    const { bodies, audit } = await approvedWhileIncomplete('revert');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.ticket.custom_status_id).toBe(STATUS.new);
    expect((bodies[0]!.ticket.comment as { body: string; public: boolean })).toMatchObject({ public: false, body: expect.stringMatching(/Teruggezet naar Nieuw|Moved back to New/) });
    expect(audit[0]).toMatchObject({ kind: 'guard' });
  });

  it('only warns in warn mode', async () => {
    const { bodies } = await approvedWhileIncomplete('warn');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.ticket.custom_status_id).toBeUndefined();
    expect((bodies[0]!.ticket.comment as { body: string }).body).toMatch(/Waarschuwing|Warning/);
  });

  it('leaves the approval alone when the guard is off: the first decision is written, the status is not touched and no guard note is posted', async () => {
    const { bodies, audit } = await approvedWhileIncomplete('off');
    expect(nock.pendingMocks()).toEqual([]);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.ticket.custom_status_id).toBeUndefined();
    expect((bodies[0]!.ticket.comment as { body: string }).body).not.toMatch(/Teruggezet|Moved back|Waarschuwing|Warning/);
    expect(audit[0]).toMatchObject({ kind: 'decision', note: 'first decision' });
  });
});

describe('the sidebar API', () => {
  beforeAll(() => start());
  afterAll(() => stop());
  /** Zendesk's Users API, asked who a token's `sub` is: user 17 is an admin, 31 a customer, 32 a suspended agent. */
  beforeEach(() => {
    const users = nock(ZENDESK).persist();
    users.get('/api/v2/users/17.json').optionally().reply(200, { user: { id: 17, name: 'Marieke Veldhuis', email: 'manager@veldhuis-software.nl', role: 'admin', active: true, suspended: false } });
    users.get('/api/v2/users/31.json').optionally().reply(200, { user: { id: 31, name: 'Anouk Jansen', email: 'anouk@klant.example', role: 'end-user', active: true, suspended: false } });
    users.get('/api/v2/users/32.json').optionally().reply(200, { user: { id: 32, name: 'Ex Agent', email: 'ex@veldhuis-software.nl', role: 'agent', active: true, suspended: true } });
    users.get('/api/v2/users/404.json').optionally().reply(404, { error: 'RecordNotFound', description: 'Not found' });
  });

  const sign = (claims: Record<string, unknown>) => signAppJwt(claims, APP_SECRET, { expiresInSec: 60, now: now() });

  async function call(pathname: string, init: RequestInit & { token?: string | null } = {}) {
    const token = init.token === undefined ? await sign({ sub: '17', email: 'manager@veldhuis-software.nl' }) : init.token;
    return fetch(`${service.url}/api/v1/zendesk${pathname}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  }

  it('refuses a request without a token, or signed with another secret', async () => {
    expect((await call('/tickets/48224/verdict', { token: null })).status).toBe(401);
    const forged = await signAppJwt({ sub: 'x' }, 'not-the-app-secret', { expiresInSec: 60, now: now() });
    expect((await call('/tickets/48224/verdict', { token: forged })).status).toBe(401);
  });

  it('returns the verdict with what is missing and the contract', async () => {
    mockReads(freshTicket(48224));
    const res = await call('/tickets/48224/verdict');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { verdict: { outcome: string; missing: { id: string }[]; trace: { rules: unknown[] } }; contract: { id: string } };
    expect(body.verdict.outcome).toBe('incomplete');
    expect(body.verdict.missing.map((m) => m.id)).toContain('version-known');
    expect(body.verdict.trace.rules.length).toBeGreaterThan(0);
    expect(body.contract.id).toBe('C-2026-001');
  });

  it('requires a reason to approve a request the rules do not cover, and logs it', async () => {
    const ticket = freshTicket(48203);
    mockReads(ticket, 2);
    const refused = await call('/tickets/48203/actions/approve', { method: 'POST', body: '{}' });
    expect(refused.status).toBe(422);
    const bodies = capturePut(ticket);
    const ok = await call('/tickets/48203/actions/approve', { method: 'POST', body: JSON.stringify({ reason: 'Goodwill for a long-standing customer' }) });
    expect(ok.status).toBe(200);
    expect((bodies[0] as { ticket: Record<string, unknown> }).ticket.custom_status_id).toBe(STATUS.approved);
    const [entry] = await service.store.listAudit({ ticketId: '48203', limit: 1 });
    expect(entry).toMatchObject({ kind: 'action', rule: 'approve-override', actor: 'manager@veldhuis-software.nl', note: expect.stringContaining('Goodwill') });
  });

  it('records the agent Zendesk confirms, not the email the browser put in the token', async () => {
    const ticket = freshTicket(48203);
    mockReads(ticket);
    const bodies = capturePut(ticket);
    const token = await sign({ sub: '17', email: 'ceo@veldhuis-software.nl' });
    const ok = await call('/tickets/48203/actions/approve', { method: 'POST', body: JSON.stringify({ reason: 'Goodwill' }), token });
    expect(ok.status).toBe(200);
    expect((bodies[0] as { ticket: { comment: { body: string } } }).ticket.comment.body).toContain('Approved by manager@veldhuis-software.nl');
    const [entry] = await service.store.listAudit({ ticketId: '48203', limit: 1 });
    expect(entry).toMatchObject({ kind: 'action', actor: 'manager@veldhuis-software.nl' });
    expect(JSON.stringify(await service.store.listAudit({ limit: 50 }))).not.toContain('ceo@');
  });

  it.each([
    ['a customer (end-user)', { sub: '31' }, 'not_an_agent'],
    ['a suspended agent', { sub: '32' }, 'not_an_agent'],
    ['a user that does not exist', { sub: '404' }, 'not_an_agent'],
    ['no user id at all', { email: 'manager@veldhuis-software.nl' }, 'agent_unverified'],
    ['a made-up user id', { sub: 'agent-17' }, 'agent_unverified'],
  ])('refuses an action by %s: 403, nothing written, nothing logged', async (_label, claims, code) => {
    const before = await service.store.listAudit({ limit: 100 });
    const res = await call('/tickets/48203/actions/approve', { method: 'POST', body: JSON.stringify({ reason: 'x' }), token: await sign(claims) });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(await service.store.listAudit({ limit: 100 })).toHaveLength(before.length);
  });

  it.each(['007', '9007199254740993', '1'.repeat(40)])('refuses ticket id %s in the path (not canonical, or past 2^53): 400', async (id) => {
    const res = await call(`/tickets/${id}/verdict`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ticket_id');
  });

  it('refuses a token that names another ticket than the one in the path, 403', async () => {
    const token = await sign({ sub: '17', ticket_id: 48224 });
    const read = await call('/tickets/48203/verdict', { token });
    const write = await call('/tickets/48203/actions/approve', { method: 'POST', body: JSON.stringify({ reason: 'x' }), token });
    expect([read.status, write.status]).toEqual([403, 403]);
    expect(((await write.json()) as { error: { code: string } }).error.code).toBe('ticket_mismatch');
  });
});
