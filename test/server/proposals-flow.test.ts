// Proposals through the real service: a signed advisory delivery produces one upload and ONE update
// carrying the category, the public comment with the upload token and the signed link; then accept
// by link (GET the page, POST the button), accept by reply, decline, the expiry sweep, a retried job,
// the over-budget policy and shadow mode. nock stands in for the Zendesk API only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { signZendeskDelivery } from '../../connectors/zendesk/webhook/verify-zendesk-signature.js';
import { settleQueue } from '../helpers/settle-queue.js';
import { mockZendeskTicketRead } from '../helpers/nock-zendesk-ticket-read.js';

const ZENDESK = 'https://acme.zendesk.com';
const SECRET = 'webhook-signing-secret-for-tests';
const PROPOSAL_SECRET = 'proposal-secret-for-tests-0123456789';
const FIELD = { category: 360001000001 };
const STATUS = { new: 19000000101, approved: 19000000102 };
const root = path.resolve(import.meta.dirname, '../..');
const NOV_27 = Date.parse('2026-11-27T10:00:00Z');

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

function capturePuts(ticket: Ticket, times: number, bodies: Put[] = [], status = 200) {
  nock(ZENDESK).put(`/api/v2/tickets/${ticket.id}.json`, (body: Put) => { bodies.push(body); return true; })
    .times(times).reply(status, status === 200 ? { ticket, audit: { id: 1, events: [] } } : { error: 'InternalError' });
  return bodies;
}

function mockUpload(filename: string, token: string, uploads: Buffer[] = []) {
  nock(ZENDESK).post('/api/v2/uploads.json', (body: string) => { uploads.push(Buffer.from(body, 'hex')); return true; })
    .query({ filename }).reply(201, { upload: { token, attachment: { id: 1, file_name: filename } } });
  return uploads;
}

function delivery(type: string, ticket: Ticket, eventId: string, extra: Record<string, unknown> = {}) {
  return {
    account_id: 21234567,
    detail: {
      id: String(ticket.id), subject: ticket.subject, description: ticket.description, status: 'OPEN',
      organization_id: String(ticket.organization_id), requester_id: String(ticket.requester_id),
      created_at: ticket.created_at, updated_at: ticket.updated_at, tags: ticket.tags, priority: 'NORMAL', via: { channel: 'web_form' },
    },
    event: {}, id: eventId, subject: `zen:ticket:${ticket.id}`, time: '2026-11-27T10:00:00.000Z', type: `zen:event-type:${type}`,
    zendesk_event_version: '2022-11-06',
    ...extra,
  };
}

function reply(ticket: Ticket, eventId: string, authorId: unknown, body: string) {
  return delivery('ticket.comment_added', ticket, eventId, { event: { comment: { id: 77, body, is_public: true, author: { id: String(authorId), is_staff: false, name: 'Marieke Bos' } } } });
}

let service: Service;
let dir: string;
let clock = NOV_27;
let invocation = 0;

async function post(body: unknown) {
  const raw = JSON.stringify(body);
  const timestamp = new Date(clock).toISOString();
  return fetch(`${service.url}/webhooks/zendesk`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-signature': signZendeskDelivery(SECRET, timestamp, raw),
      'x-zendesk-webhook-signature-timestamp': timestamp,
      'x-zendesk-webhook-invocation-id': `inv-${++invocation}`,
      'x-zendesk-account-id': '21234567',
      'x-zendesk-webhook-id': '01HWEBHOOK',
    },
    body: raw,
  });
}

const settle = (): Promise<void> => settleQueue(service);

async function start(options: { config?: (yaml: string) => string; live?: boolean; host?: string } = {}) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-proposals-'));
  const yaml = fs.readFileSync(path.join(root, 'examples/coverage.yaml'), 'utf8');
  const configFile = path.join(dir, 'coverage.yaml');
  fs.writeFileSync(configFile, options.config ? options.config(yaml) : yaml);
  clock = NOV_27;
  const live = options.live ?? true;
  service = await startService({
    settings: readSettings({
      PORT: '0', HOST: options.host ?? '127.0.0.1', INSCOPE_CONFIG: configFile, DATABASE_URL: path.join(dir, 'data', 'inscope.db'),
      ...(live ? { ZENDESK_SUBDOMAIN: 'acme', ZENDESK_EMAIL: 'bot@veldhuis-software.nl', ZENDESK_API_TOKEN: 'api-token-for-tests' } : {}),
      ZENDESK_WEBHOOK_SECRET: SECRET, INSCOPE_WORKERS: '1', ZENDESK_BOT_USER_ID: '900000001',
      INSCOPE_PUBLIC_URL: 'https://inscope.example.test', INSCOPE_PROPOSAL_SECRET: PROPOSAL_SECRET,
    }),
    now: () => clock,
    delayScale: 0.001,
    pollMs: 2,
    retryBaseMs: 1,
    sweepMs: 0,
  });
}

async function stop() {
  await service.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The advisory ticket 48203 (Gemeente Zuidwijk, cap € 4.000 a month) up to the proposal being sent. */
async function sendProposal() {
  const ticket = freshTicket(48203);
  mockReads(ticket);
  const uploads = mockUpload('P-2026-0001-v1.pdf', 'upload-token-1');
  const puts = capturePuts(ticket, 1);
  expect((await post(delivery('ticket.created', ticket, 'evt-advisory'))).status).toBe(202);
  await settle();
  expect(nock.isDone()).toBe(true);
  const link = /https:\/\/inscope\.example\.test(\/p\/[A-Za-z0-9_.-]+)/.exec(puts[0]!.ticket.comment!.body)?.[1];
  expect(link).toBeDefined();
  return { ticket, puts, uploads, link: link! };
}

/** The ticket as Zendesk has it after InScope's update: category, status and tags written. */
function afterUpdate(ticket: Ticket, put: Put): Ticket {
  return {
    ...ticket,
    tags: put.ticket.tags as string[],
    custom_status_id: STATUS.new,
    custom_fields: ticket.custom_fields.map((f) => (f.id === FIELD.category ? { ...f, value: 'advisory' } : f)),
    updated_at: '2026-11-27T10:00:05Z',
  };
}

/** The service is at 127.0.0.1 while the links name the public URL: same path, local host. */
const local = (link: string) => `${service.url}${link}`;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
afterEach(async () => {
  nock.cleanAll();
  await stop();
});

describe('an advisory ticket gets a proposal', () => {
  it('uploads the PDF and sends category, status, tags and the public comment with the upload token and the link in ONE update, with no internal note repeating what the sidebar shows', async () => {
    await start();
    const { puts, uploads } = await sendProposal();
    expect(uploads).toHaveLength(1);
    expect(puts).toHaveLength(1);
    const [decision] = puts as [Put];
    expect(decision.ticket).toMatchObject({
      custom_fields: [{ id: FIELD.category, value: 'advisory' }],
      custom_status_id: STATUS.new,
      safe_update: true,
      comment: { public: true, uploads: ['upload-token-1'] },
    });
    expect(decision.ticket.tags).toEqual(expect.arrayContaining(['inscope_advisory', 'inscope_p2026_0001_v1']));
    expect(decision.ticket.comment!.body).toMatch(/offerte P-2026-0001/);
    expect(decision.ticket.comment!.body).toMatch(/€\s490,05/);
    const [stored] = await service.store.listProposals({ ticketId: '48203', limit: 5 });
    expect(stored).toMatchObject({ number: 'P-2026-0001', version: 1, status: 'sent', contractId: 'C-2025-014', organizationId: '9002', subtotal: 40500, total: 49005, budgetMonth: '2026-11', validUntil: '2026-12-27' });
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await service.store.listAudit({ ticketId: '48203', limit: 10 });
    expect(audit.map((a) => a.rule)).toEqual(expect.arrayContaining(['proposal-sent']));
    expect(JSON.stringify(audit)).not.toContain(PROPOSAL_SECRET);
  });

  it('reuses the number when a job is retried after a failed write, and posts nothing more once the ticket carries the proposal', async () => {
    await start();
    const ticket = freshTicket(48203);
    mockReads(ticket, 2);
    mockUpload('P-2026-0001-v1.pdf', 'upload-token-1');
    mockUpload('P-2026-0001-v1.pdf', 'upload-token-2');
    const puts = capturePuts(ticket, 1, [], 500);
    capturePuts(ticket, 1, puts);
    await post(delivery('ticket.created', ticket, 'evt-retry'));
    await settle();
    // Attempt one's write failed; attempt two made the same proposal (same number) and sent it once.
    expect(puts.filter((p) => p.ticket.comment?.public)).toHaveLength(2);
    expect(puts.filter((p) => p.ticket.comment?.public).map((p) => p.ticket.comment!.uploads)).toEqual([['upload-token-1'], ['upload-token-2']]);
    const proposals = await service.store.listProposals({ ticketId: '48203', limit: 5 });
    expect(proposals.map((p) => [p.number, p.version, p.status])).toEqual([['P-2026-0001', 1, 'sent']]);

    // The ticket now carries the decision and the proposal tag: a redelivery writes nothing.
    const updated = afterUpdate(ticket, puts.find((p) => p.ticket.comment?.public)!);
    mockReads(updated);
    await post(delivery('ticket.custom_field_changed', updated, 'evt-echo', { event: { custom_field: { id: String(FIELD.category) }, current: 'advisory', previous: null } }));
    await settle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(await service.store.listProposals({ ticketId: '48203', limit: 5 })).toHaveLength(1);
  });
});

describe('accepting and declining', () => {
  it('accepts by link: the page shows the summary, the POST records time and IP, sets the work status and commits the budget', async () => {
    await start();
    const sent = await sendProposal();
    const { link } = sent;
    const ticket = afterUpdate(sent.ticket, sent.puts[0]!);
    const page = await fetch(local(link));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('P-2026-0001');
    expect(html).toMatch(/€\s490,05/);
    expect(html).toContain('27 december 2026');
    expect(html).toMatch(/<form method="post" action="[^"]+\/accept">/);

    mockReads(ticket);
    const puts = capturePuts(ticket, 1);
    clock += 3_600_000;
    const accepted = await fetch(`${local(link)}/accept`, { method: 'POST' });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('akkoord gegaan');
    await settle();
    // The worker's write: the work status, the note, and the marker tag, against the version it read.
    expect(puts).toHaveLength(1);
    expect(puts[0]!.ticket).toMatchObject({ custom_status_id: STATUS.approved, safe_update: true, comment: { public: false, body: expect.stringMatching(/GEACCEPTEERD/) } });
    expect(puts[0]!.ticket.tags).toEqual([...ticket.tags, 'inscope_p2026_0001_v1_accepted']);
    const [stored] = await service.store.listProposals({ ticketId: '48203', limit: 1 });
    expect(stored).toMatchObject({ status: 'accepted', decidedAt: clock, decidedIp: expect.stringMatching(/127\.0\.0\.1/) });

    const budget = await service.proposals.budgetFor({ contract: { id: 'C-2025-014' } } as never, null);
    expect(budget).toMatchObject({ month: '2026-11', unit: 'amount', committed: 405, pending: 0, currency: 'EUR', cap: { amount: 4000 } });

    // Single use: the link now says it was used and changes nothing.
    const again = await fetch(`${local(link)}/accept`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('accepts by a reply "Akkoord!" from the requester, not from someone else', async () => {
    await start();
    const sent = await sendProposal();
    const ticket = afterUpdate(sent.ticket, sent.puts[0]!);
    mockReads(ticket);
    await post(reply(ticket, 'evt-reply-other', 555, 'Akkoord!'));
    await settle();
    expect((await service.store.listProposals({ ticketId: '48203', limit: 1 }))[0]!.status).toBe('sent');

    // The reply's job accepts; the decision's own job then reads the ticket and writes it.
    mockReads(ticket, 2);
    const puts = capturePuts(ticket, 1);
    await post(reply(ticket, 'evt-reply', ticket.requester_id, 'Akkoord!\n\nMet vriendelijke groet, Marieke'));
    await settle();
    expect(puts[0]!.ticket).toMatchObject({ custom_status_id: STATUS.approved, comment: { public: false } });
    expect((await service.store.listProposals({ ticketId: '48203', limit: 1 }))[0]).toMatchObject({ status: 'accepted', decidedBy: 'requester reply' });
  });

  it('declines by link and returns the ticket to New (declineAction: return)', async () => {
    await start();
    const sent = await sendProposal();
    const { link } = sent;
    // An agent had set it to Approved meanwhile (a status it already has is not written again).
    const ticket = { ...afterUpdate(sent.ticket, sent.puts[0]!), custom_status_id: STATUS.approved };
    expect(await (await fetch(`${local(link)}?choice=decline`)).text()).toMatch(/decline"[^>]*autofocus/);
    mockReads(ticket);
    const puts = capturePuts(ticket, 1);
    const res = await fetch(`${local(link)}/decline`, { method: 'POST' });
    expect(res.status).toBe(200);
    await settle();
    expect(puts[0]!.ticket).toMatchObject({ custom_status_id: STATUS.new, comment: { public: false, body: expect.stringMatching(/AFGEWEZEN/) } });
    expect((await service.store.listProposals({ ticketId: '48203', limit: 1 }))[0]!.status).toBe('declined');
  });

  it('closes a declined ticket when declineAction is close', async () => {
    await start({ config: (yaml) => yaml.replace(/^proposals:\n/m, 'proposals:\n  declineAction: close\n') });
    const sent = await sendProposal();
    const ticket = afterUpdate(sent.ticket, sent.puts[0]!);
    mockReads(ticket);
    const puts = capturePuts(ticket, 1);
    await fetch(`${local(sent.link)}/decline`, { method: 'POST' });
    await settle();
    expect(puts[0]!.ticket).toMatchObject({ status: 'solved', tags: expect.arrayContaining(['inscope_p2026_0001_v1_declined']) });
  });

  it('refuses a tampered link with a clear page and changes nothing', async () => {
    await start();
    const { link } = await sendProposal();
    const tampered = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
    const page = await fetch(local(tampered));
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('ongeldig');
    expect((await fetch(`${local(tampered)}/accept`, { method: 'POST' })).status).toBe(404);
    expect((await service.store.listProposals({ ticketId: '48203', limit: 1 }))[0]!.status).toBe('sent');
  });

  it('expires with the sweep after the last valid day, and the link then says so', async () => {
    await start();
    const sent = await sendProposal();
    const { link } = sent;
    const ticket = afterUpdate(sent.ticket, sent.puts[0]!);
    clock = Date.parse('2026-12-27T22:59:59Z'); // 23:59:59 on 27 December in Amsterdam: still valid
    expect(await service.sweepProposals()).toBe(0);
    expect((await fetch(local(link))).status).toBe(200);
    clock = Date.parse('2026-12-27T23:00:00Z');
    mockReads(ticket);
    const puts = capturePuts(ticket, 1);
    expect(await service.sweepProposals()).toBe(1);
    await settle();
    expect(puts[0]!.ticket.comment).toMatchObject({ public: false, body: expect.stringMatching(/VERLOPEN/) });
    // Expiry changes no status: the note and the marker only.
    expect(puts[0]!.ticket.custom_status_id).toBeUndefined();
    const page = await fetch(local(link));
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('verlopen');
    // Newest first: the decision, then (separately) the ticket write.
    const audit = await service.store.listAudit({ ticketId: '48203', limit: 3 });
    expect(audit.slice(0, 2)).toMatchObject([{ kind: 'action', rule: 'proposal-ticket-updated' }, { kind: 'action', rule: 'proposal-expired' }]);
  });
});

// The address a decision records comes from X-Forwarded-For only when the request comes from a
// reverse proxy on the same host (loopback); anyone else could write any address in that header.
describe('the client address a decision by link records', () => {
  const FORWARDED = '203.0.113.7';
  const external = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  async function acceptFrom(base: string, link: string, ticket: Ticket) {
    mockReads(ticket);
    capturePuts(ticket, 1);
    const accepted = await fetch(`${base}${link}/accept`, { method: 'POST', headers: { 'x-forwarded-for': FORWARDED } });
    expect(accepted.status).toBe(200);
    await settle();
    const [stored] = await service.store.listProposals({ ticketId: '48203', limit: 1 });
    return stored!.decidedIp;
  }

  it('is the forwarded client when the request comes through a proxy on loopback', async () => {
    await start();
    const sent = await sendProposal();
    expect(await acceptFrom(service.url, sent.link, afterUpdate(sent.ticket, sent.puts[0]!))).toBe(FORWARDED);
  });

  it.skipIf(external === undefined)(`is the connecting address, not X-Forwarded-For, for a request from another host${external === undefined ? ' (skipped: this machine has no non-loopback IPv4 address)' : ''}`, async () => {
    nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost):/.test(host) || host.startsWith(`${external!}:`));
    try {
      await start({ host: '0.0.0.0' });
      const sent = await sendProposal();
      const { port } = new URL(service.url);
      expect(await acceptFrom(`http://${external}:${port}`, sent.link, afterUpdate(sent.ticket, sent.puts[0]!))).toMatch(new RegExp(`^(::ffff:)?${external!.replaceAll('.', '\\.')}$`));
    } finally {
      nock.enableNetConnect('127.0.0.1');
    }
  });
});

describe('the monthly budget', () => {
  it('holds a proposal over the cap under require-confirmation: the internal note says why, the customer gets nothing', async () => {
    await start({ config: (yaml) => yaml.replace('monthlyBudget: { amount: 4000 }', 'monthlyBudget: { amount: 300 }').replace(/^proposals:\n/m, 'proposals:\n  budgetPolicy: require-confirmation\n') });
    const ticket = freshTicket(48203);
    mockReads(ticket);
    const puts = capturePuts(ticket, 1);
    await post(delivery('ticket.created', ticket, 'evt-over'));
    await settle();
    expect(nock.isDone()).toBe(true);
    expect(puts[0]!.ticket.comment).toMatchObject({ public: false, body: expect.stringMatching(/NIET verstuurd/) });
    expect(puts[0]!.ticket.comment!.uploads).toBeUndefined();
    expect(puts[0]!.ticket.custom_fields).toEqual([{ id: FIELD.category, value: 'advisory' }]);
    const [stored] = await service.store.listProposals({ ticketId: '48203', limit: 1 });
    expect(stored!.status).toBe('draft');
    const [decision] = (await service.store.listAudit({ ticketId: '48203', limit: 5 })).filter((a) => a.kind === 'decision');
    expect((decision!.verdict as { proposal: { hold: string; budget: { overCap: boolean; afterThisProposal: number } } }).proposal)
      .toMatchObject({ hold: 'require-confirmation', budget: { overCap: true, afterThisProposal: 405 } });
  });
});

describe('budget thresholds', () => {
  it('notes a crossed threshold internally and, when configured, tells the customer', async () => {
    await start({ config: (yaml) => yaml.replace('monthlyBudget: { amount: 4000 }', 'monthlyBudget: { amount: 500 }').replace(/^proposals:\n/m, 'proposals:\n  notifyCustomerAtThreshold: true\n') });
    const ticket = freshTicket(48203);
    mockReads(ticket);
    mockUpload('P-2026-0001-v1.pdf', 'upload-token-1');
    const puts = capturePuts(ticket, 3);
    await post(delivery('ticket.created', ticket, 'evt-threshold'));
    await settle();
    expect(nock.isDone()).toBe(true);
    expect(puts[1]!.ticket.comment).toMatchObject({ public: false, body: expect.stringMatching(/drempel 80% bereikt/) });
    expect(puts[2]!.ticket.comment).toMatchObject({ public: true, body: expect.stringMatching(/80% van uw budget voor 2026-11/) });
  });
});

describe('shadow mode', () => {
  it('writes the PDF under the data folder and records it, and calls nothing', async () => {
    await start({ live: false });
    const ticket = freshTicket(48203);
    await post(delivery('ticket.created', ticket, 'evt-shadow'));
    await settle();
    const [stored] = await service.store.listProposals({ ticketId: '48203', limit: 1 });
    expect(stored).toMatchObject({ number: 'P-2026-0001', status: 'draft', pdfPath: path.join(dir, 'data', 'proposals', 'P-2026-0001-v1.pdf') });
    expect(fs.readFileSync(stored!.pdfPath!).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('quoted versus actual', () => {
  const TIME_SPENT = 360001000099;
  const timed = (yaml: string) => yaml
    .replace('steps: 360001000006 }', `steps: 360001000006, timeSpent: ${TIME_SPENT} }`)
    .replace(/^proposals:\n/m, 'proposals:\n  timeSpentField: timeSpent\n');
  const withTime = (ticket: Ticket, seconds: number, updatedAt: string): Ticket => ({
    ...ticket, updated_at: updatedAt, custom_fields: [...ticket.custom_fields.filter((f) => f.id !== TIME_SPENT), { id: TIME_SPENT, value: String(seconds) }],
  });
  const timeChanged = (ticket: Ticket, eventId: string) =>
    delivery('ticket.custom_field_changed', ticket, eventId, { event: { custom_field: { id: String(TIME_SPENT) } } });

  it('keeps the time logged on the ticket as the accepted proposal\'s actual, from the update webhook, once per change', async () => {
    await start({ config: timed });
    const sent = await sendProposal();
    const accepted = { ...afterUpdate(sent.ticket, sent.puts[0]!), custom_status_id: STATUS.approved, tags: [...(sent.puts[0]!.ticket.tags as string[]), 'inscope_p2026_0001_v1_accepted'] };
    mockReads(afterUpdate(sent.ticket, sent.puts[0]!));
    capturePuts(sent.ticket, 1);
    clock += 3_600_000;
    expect((await fetch(`${local(sent.link)}/accept`, { method: 'POST' })).status).toBe(200);
    await settle();
    const [before] = await service.store.listProposals({ ticketId: '48203', limit: 1 });
    expect(before).toMatchObject({ status: 'accepted', hundredthHours: 300, loggedSeconds: null, requestKind: 'how-to' });

    // An agent logs 3 h 45 min: Zendesk's Time Tracking app updates the field, the trigger delivers.
    clock += 60_000;
    const first = withTime(accepted, 13_500, '2026-11-27T11:01:00Z');
    mockReads(first);
    expect((await post(timeChanged(first, 'evt-time-1'))).status).toBe(202);
    await settle();
    const [measured] = await service.store.listProposals({ ticketId: '48203', limit: 1 });
    expect(measured).toMatchObject({ loggedSeconds: 13_500, loggedAt: clock });

    // The same total read again (another update of the ticket) changes nothing, not even the time it was read.
    const readAt = clock;
    clock += 60_000;
    mockReads(first);
    expect((await post(timeChanged(first, 'evt-time-2'))).status).toBe(202);
    await settle();
    expect((await service.store.listProposals({ ticketId: '48203', limit: 1 }))[0]).toMatchObject({ loggedSeconds: 13_500, loggedAt: readAt });

    // More time logged: the actual follows the ticket's total.
    const second = withTime(accepted, 16_200, '2026-11-27T11:03:00Z');
    mockReads(second);
    expect((await post(timeChanged(second, 'evt-time-3'))).status).toBe(202);
    await settle();
    expect((await service.store.listProposals({ ticketId: '48203', limit: 1 }))[0]).toMatchObject({ loggedSeconds: 16_200, loggedAt: clock });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
