// A coverage rule with `proposal: none` through the real service: the ticket is converted (category
// advisory, the rule's reason to the customer, the decision recorded) with no upload, no PDF and no
// proposal stored or booked; the agents' note says so and names Convert, which still makes one by
// hand. nock stands in for the Zendesk API, the store is SQLite on disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signAppJwt } from '../../connectors/http/sign-app-jwt.js';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { postDelivery, signZendeskEventDelivery } from '../helpers/sign-zendesk-event-delivery.js';
import { settleQueue } from '../helpers/settle-queue.js';
import { mockZendeskTicketRead } from '../helpers/nock-zendesk-ticket-read.js';

const ZENDESK = 'https://acme.zendesk.com';
const SECRET = 'webhook-signing-secret-for-tests';
const APP_SECRET = 'app-secret-for-tests';
const FIELD = { category: 360001000001 };
const STATUS = { new: 19000000101 };
const root = path.resolve(import.meta.dirname, '../..');
const clock = Date.parse('2026-11-27T10:00:00Z');

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
    users: [{ id: ticket.requester_id, name: 'Marieke Bos', email: 'm.bos@zuidwijk.nl', locale: 'nl', role: 'end-user' }],
    organizations: [{ id: ticket.organization_id, name: 'Gemeente Zuidwijk', domain_names: [], tags: [], organization_fields: {} }],
  }, times);
}

function capturePuts(ticket: Ticket, times: number, bodies: Put[] = []) {
  nock(ZENDESK).put(`/api/v2/tickets/${ticket.id}.json`, (body: Put) => { bodies.push(body); return true; }).times(times).reply(200, { ticket, audit: { id: 1, events: [] } });
  return bodies;
}

let service: Service;
let dir: string;
let invocation = 0;

/** The example config, its how-to rule (which decides 48203) set to send no proposal. */
const noProposalForHowTo = (yaml: string) => yaml.replace('  - id: how-to-question\n', '  - id: how-to-question\n    proposal: none\n');

async function start(live = true) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-no-proposal-'));
  const configFile = path.join(dir, 'coverage.yaml');
  fs.writeFileSync(configFile, noProposalForHowTo(fs.readFileSync(path.join(root, 'examples/coverage.yaml'), 'utf8')));
  service = await startService({
    settings: readSettings({
      PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: configFile, DATABASE_URL: path.join(dir, 'data', 'inscope.db'),
      ...(live ? { ZENDESK_SUBDOMAIN: 'acme', ZENDESK_EMAIL: 'bot@veldhuis-software.nl', ZENDESK_API_TOKEN: 'api-token-for-tests' } : {}),
      ZENDESK_WEBHOOK_SECRET: SECRET, INSCOPE_APP_SECRET: APP_SECRET, INSCOPE_WORKERS: '1', ZENDESK_BOT_USER_ID: '900000001',
      INSCOPE_PUBLIC_URL: 'https://inscope.example.test', INSCOPE_PROPOSAL_SECRET: 'proposal-secret-for-tests-0123456789',
    }),
    now: () => clock,
    delayScale: 0.001,
    pollMs: 2,
    retryBaseMs: 1,
    sweepMs: 0,
  });
  nock(ZENDESK).persist().get('/api/v2/users/17.json').optionally().reply(200, { user: { id: 17, name: 'Marieke Veldhuis', email: 'manager@veldhuis-software.nl', role: 'admin', active: true, suspended: false } });
}

async function postCreated(ticket: Ticket) {
  const delivery = signZendeskEventDelivery(ticket, { secret: SECRET, eventType: 'ticket.created', eventId: `evt-${ticket.id}`, invocationId: `inv-${++invocation}`, at: clock });
  expect((await postDelivery(service.url, delivery)).status).toBe(202);
  await settleQueue(service);
}

async function sidebar(pathname: string, init: RequestInit = {}) {
  const token = await signAppJwt({ sub: '17', email: 'manager@veldhuis-software.nl' }, APP_SECRET, { expiresInSec: 60, now: clock });
  return fetch(`${service.url}/api/v1/zendesk${pathname}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
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

describe('an advisory rule with proposal: none', () => {
  it('converts the ticket and tells the customer the reason, with no upload, no proposal and no budget booking; the agents\' note says no proposal was sent', async () => {
    await start();
    const ticket = freshTicket(48203);
    mockReads(ticket);
    // No POST /api/v2/uploads is mocked: an upload would fail the job and leave a pending mock below.
    const puts = capturePuts(ticket, 2);
    await postCreated(ticket);
    expect(nock.pendingMocks()).toEqual([]);
    expect(puts).toHaveLength(2);

    const [decision, note] = puts as [Put, Put];
    expect(decision.ticket).toMatchObject({
      custom_fields: [{ id: FIELD.category, value: 'advisory' }], custom_status_id: STATUS.new, safe_update: true,
      comment: { public: true },
    });
    expect(decision.ticket.comment).not.toHaveProperty('uploads');
    expect(decision.ticket.comment!.body).toBe('Beste klant,\n\nDit is een inrichtings- of adviesvraag. Uw contract dekt storingen in de software; advies en inrichting bieden wij aan op basis van een voorstel.\n\nMet vriendelijke groet,\nVeldhuis Software B.V.');
    expect(decision.ticket.tags).toEqual(expect.arrayContaining(['inscope_advisory']));
    expect((decision.ticket.tags as string[]).some((t) => /^inscope_p\d/.test(t))).toBe(false);
    expect(note.ticket.comment).toMatchObject({ public: false });
    // In the agents' language (defaults.locale: nl in the example config).
    expect(note.ticket.comment!.body).toContain('Geen voorstel verstuurd: regel how-to-question heeft proposal: none. Wilt u er toch een sturen, gebruik dan "Omzetten naar advies…" in de InScope-zijbalk');
    expect(note.ticket.comment!.body).not.toContain('Conceptvoorstel');

    expect(await service.store.listProposals({ ticketId: '48203', limit: 5 })).toEqual([]);
    const budget = await service.proposals.budgetFor({ contract: { id: 'C-2025-014' } } as never, null);
    expect(budget).toMatchObject({ committed: 0, pending: 0 });
    const [decided] = (await service.store.listAudit({ ticketId: '48203', limit: 10 })).filter((a) => a.kind === 'decision');
    expect(decided).toMatchObject({ outcome: 'advisory', rule: 'how-to-question' });
    expect(decided!.verdict).toMatchObject({ proposal: { proposal: 'none', rule: 'how-to-question' }, commentLocale: 'nl' });
  });

  it('lets the sidebar show the verdict with nothing added to the budget, and Convert make a proposal by hand with the rule\'s reason', async () => {
    await start();
    const ticket = freshTicket(48203);
    mockReads(ticket);
    const res = await sidebar('/tickets/48203/verdict');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { verdict: { outcome: string; proposal: Record<string, unknown> }; proposal: unknown; budget: Record<string, unknown> };
    expect(body.verdict).toMatchObject({ outcome: 'advisory', proposal: { send: false, hours: 3 } });
    expect(body.proposal).toBeNull();
    // Nothing would be added by this ticket: there is no "this proposal" to show against the cap.
    expect(body.budget).toMatchObject({ committed: 0, pending: 0, afterThisProposal: null });

    mockReads(ticket);
    nock(ZENDESK).post('/api/v2/uploads.json').query({ filename: 'P-2026-0001-v1.pdf' }).reply(201, { upload: { token: 'up-1' } });
    const puts = capturePuts(ticket, 2);
    const converted = await sidebar('/tickets/48203/actions/convert', { method: 'POST', body: JSON.stringify({ hours: 2, scope: 'De pensioenregeling samen inrichten.' }) });
    expect(converted.status).toBe(200);
    expect(await converted.json()).toMatchObject({ proposal: { number: 'P-2026-0001', version: 1, status: 'sent', hours: 2 } });
    expect(puts[0]!.ticket.comment).toMatchObject({ public: true, uploads: ['up-1'] });
    expect(puts[0]!.ticket.comment!.body).toContain('Dit is een inrichtings- of adviesvraag.');
    const [stored] = await service.store.listProposals({ ticketId: '48203', limit: 1 });
    expect(stored).toMatchObject({ status: 'sent', subtotal: 27000 });
  });

  it('in shadow mode records the decision and writes no PDF', async () => {
    await start(false);
    await postCreated(freshTicket(48203));
    expect(await service.store.listProposals({ ticketId: '48203', limit: 5 })).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'data', 'proposals'))).toBe(false);
    const [decided] = (await service.store.listAudit({ ticketId: '48203', limit: 10 })).filter((a) => a.kind === 'decision');
    expect(decided).toMatchObject({ outcome: 'advisory', rule: 'how-to-question' });
    expect(decided!.verdict).toMatchObject({ planned: { comment: { public: true } }, proposal: { proposal: 'none' } });
  });
});
