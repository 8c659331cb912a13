// The sidebar API with proposals: the verdict payload carries the month's budget and the ticket's
// current proposal; Convert sends a proposal with the agent's hours and scope, a second Convert
// revises it (version 2 supersedes version 1), and over the cap it waits for confirmOverBudget.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signAppJwt } from '../../connectors/http/sign-app-jwt.js';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { mockZendeskTicketRead } from '../helpers/nock-zendesk-ticket-read.js';

const ZENDESK = 'https://acme.zendesk.com';
const APP_SECRET = 'app-secret-for-tests';
const FIELD = { category: 360001000001 };
const root = path.resolve(import.meta.dirname, '../..');

type Ticket = Record<string, unknown> & { id: number; updated_at: string; tags: string[]; custom_fields: { id: number; value: unknown }[] };
type Put = { ticket: Record<string, unknown> & { comment?: { body: string; public: boolean; uploads?: string[] } } };

function freshTicket(id: number): Ticket {
  const file = fs.readdirSync(path.join(root, 'examples/tickets')).find((f) => f.startsWith(`zendesk-${id}-`))!;
  const { ticket } = JSON.parse(fs.readFileSync(path.join(root, 'examples/tickets', file), 'utf8')) as { ticket: Ticket };
  return { ...ticket, custom_status_id: 1, custom_fields: ticket.custom_fields.map((f) => (f.id === FIELD.category ? { ...f, value: null } : f)) };
}

function mockReads(ticket: Ticket, times = 1) {
  mockZendeskTicketRead(ZENDESK, {
    ticket,
    users: [{ id: ticket.requester_id, name: 'Sam Carter', email: 'sam@northwind.co.uk', locale: 'en-GB', role: 'end-user' }],
    organizations: [{ id: ticket.organization_id, name: 'Northwind Traders Ltd', domain_names: [], tags: [], organization_fields: {} }],
  }, times);
}

function capturePuts(ticket: Ticket, times: number, bodies: Put[] = []) {
  nock(ZENDESK).put(`/api/v2/tickets/${ticket.id}.json`, (body: Put) => { bodies.push(body); return true; }).times(times).reply(200, { ticket, audit: { id: 1, events: [] } });
  return bodies;
}

let service: Service;
let dir: string;
const clock = Date.parse('2026-11-27T10:00:00Z');

async function start(config: (yaml: string) => string = (y) => y) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-sidebar-proposals-'));
  const configFile = path.join(dir, 'coverage.yaml');
  fs.writeFileSync(configFile, config(fs.readFileSync(path.join(root, 'examples/coverage.yaml'), 'utf8')));
  service = await startService({
    settings: readSettings({
      PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: configFile, DATABASE_URL: path.join(dir, 'inscope.db'),
      ZENDESK_SUBDOMAIN: 'acme', ZENDESK_EMAIL: 'bot@veldhuis-software.nl', ZENDESK_API_TOKEN: 'api-token-for-tests',
      ZENDESK_WEBHOOK_SECRET: 'webhook-secret', INSCOPE_APP_SECRET: APP_SECRET, INSCOPE_WORKERS: '1', ZENDESK_BOT_USER_ID: '900000001',
      INSCOPE_PUBLIC_URL: 'https://inscope.example.test',
    }),
    now: () => clock,
    delayScale: 0.001,
    pollMs: 2,
    sweepMs: 0,
  });
  // The connector asks Zendesk who the token's `sub` is before it lets them act.
  nock(ZENDESK).persist().get('/api/v2/users/17.json').optionally().reply(200, { user: { id: 17, name: 'Marieke Veldhuis', email: 'manager@veldhuis-software.nl', role: 'admin', active: true, suspended: false } });
}

async function call(pathname: string, init: RequestInit = {}) {
  const token = await signAppJwt({ sub: '17', email: 'manager@veldhuis-software.nl' }, APP_SECRET, { expiresInSec: 60, now: clock });
  return fetch(`${service.url}/api/v1/zendesk${pathname}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
}

function convert(body: Record<string, unknown>) {
  return call('/tickets/48207/actions/convert', { method: 'POST', body: JSON.stringify(body) });
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
afterEach(async () => {
  nock.cleanAll();
  await service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the sidebar with proposals and budgets', () => {
  it('returns the month\'s budget in hours with what the draft would add (Northwind, 10 h, London)', async () => {
    await start();
    mockReads(freshTicket(48207));
    const res = await call('/tickets/48207/verdict');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { budget: Record<string, unknown>; proposal: unknown };
    expect(body.budget).toMatchObject({ month: '2026-11', cap: { hours: 10 }, unit: 'hours', committed: 0, pending: 0, currency: 'GBP', policy: 'warn', overCap: false });
    expect(body.budget.afterThisProposal).toBeGreaterThan(0);
    expect(body.proposal).toBeNull();
  });

  it('converts with the agent\'s hours and scope, then revises into version 2 that supersedes version 1', async () => {
    await start();
    const ticket = freshTicket(48207);
    mockReads(ticket, 2);
    nock(ZENDESK).post('/api/v2/uploads.json').query({ filename: 'P-2026-0001-v1.pdf' }).reply(201, { upload: { token: 'up-1' } });
    nock(ZENDESK).post('/api/v2/uploads.json').query({ filename: 'P-2026-0001-v2.pdf' }).reply(201, { upload: { token: 'up-2' } });
    const puts = capturePuts(ticket, 4);

    const first = await convert({ hours: 4, scope: 'Configure the shift-change webhooks and walk the team through them.' });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ proposal: { number: 'P-2026-0001', version: 1, status: 'sent', hours: 4, hourlyRate: 150, currency: 'GBP', total: 726 } });
    expect(puts[0]!.ticket).toMatchObject({ custom_fields: [{ id: FIELD.category, value: 'advisory' }], comment: { public: true, uploads: ['up-1'] } });
    expect(puts[0]!.ticket.comment!.body).toMatch(/proposal P-2026-0001/);

    const second = await convert({ hours: 6, scope: 'Configure the webhooks, and a retry queue for failed deliveries.' });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ proposal: { number: 'P-2026-0001', version: 2, supersedes: 1, total: 1089 } });
    expect(puts[2]!.ticket.comment).toMatchObject({ public: true, uploads: ['up-2'], body: expect.stringContaining('version 2 (this replaces version 1)') });
    const stored = await service.store.listProposals({ ticketId: '48207', limit: 5 });
    expect(stored.map((p) => [p.version, p.status])).toEqual([[2, 'sent'], [1, 'superseded']]);

    mockReads(ticket);
    const after = (await (await call('/tickets/48207/verdict')).json()) as { budget: Record<string, unknown>; proposal: Record<string, unknown> };
    expect(after.proposal).toMatchObject({ state: 'sent', number: 'P-2026-0001', version: 2 });
    expect(after.budget).toMatchObject({ pending: 6, committed: 0 });
  });

  it('over the cap under require-confirmation: refuses without confirmOverBudget and makes nothing, sends with it', async () => {
    await start((yaml) => yaml.replace(/^proposals:\n/m, 'proposals:\n  budgetPolicy: require-confirmation\n'));
    const ticket = freshTicket(48207);
    mockReads(ticket, 2);
    const refused = await convert({ hours: 12, scope: 'A full integration project for the rota webhooks.' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('over_budget');
    expect(await service.store.listProposals({ ticketId: '48207', limit: 5 })).toEqual([]);

    nock(ZENDESK).post('/api/v2/uploads.json').query(true).reply(201, { upload: { token: 'up-1' } });
    const puts = capturePuts(ticket, 2);
    const confirmed = await convert({ hours: 12, scope: 'A full integration project for the rota webhooks.', confirmOverBudget: true });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ budget: { overCap: true, policy: 'require-confirmation', afterThisProposal: 12 } });
    expect(puts[1]!.ticket.comment!.body).toMatch(/BOVEN HET PLAFOND/);
  });
});
