// A contract's own VAT through the real service: a reverse-charged contract's proposal carries no
// VAT and says so on the public comment, the PDF and the acceptance page; a contract's percentage
// wins over proposals.vatPercent; a revision keeps the VAT of the version it revises even after the
// config changed. nock stands in for the Zendesk API, the store is SQLite on disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { PDFParse } from 'pdf-parse';
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
const root = path.resolve(import.meta.dirname, '../..');
const clock = Date.parse('2026-11-27T10:00:00Z');

type Ticket = Record<string, unknown> & { id: number; updated_at: string; tags: string[]; custom_fields: { id: number; value: unknown }[] };
type Put = { ticket: Record<string, unknown> & { comment?: { body: string; public: boolean; uploads?: string[] } } };

function freshTicket(id: number): Ticket {
  const file = fs.readdirSync(path.join(root, 'examples/tickets')).find((f) => f.startsWith(`zendesk-${id}-`))!;
  const { ticket } = JSON.parse(fs.readFileSync(path.join(root, 'examples/tickets', file), 'utf8')) as { ticket: Ticket };
  return { ...ticket, custom_status_id: 1, custom_fields: ticket.custom_fields.map((f) => (f.id === FIELD.category ? { ...f, value: null } : f)) };
}

function mockReads(ticket: Ticket, requester: { name: string; email: string; locale: string }, organization: string, times = 1) {
  mockZendeskTicketRead(ZENDESK, {
    ticket,
    users: [{ id: ticket.requester_id, ...requester, role: 'end-user' }],
    organizations: [{ id: ticket.organization_id, name: organization, domain_names: [], tags: [], organization_fields: {} }],
  }, times);
}

const ZUIDWIJK = [{ name: 'Marieke Bos', email: 'm.bos@zuidwijk.nl', locale: 'nl' }, 'Gemeente Zuidwijk'] as const;
const NORTHWIND = [{ name: 'Sam Carter', email: 'sam@northwind.co.uk', locale: 'en-GB' }, 'Northwind Traders Ltd'] as const;

function capturePuts(ticket: Ticket, times: number, bodies: Put[] = []) {
  nock(ZENDESK).put(`/api/v2/tickets/${ticket.id}.json`, (body: Put) => { bodies.push(body); return true; }).times(times).reply(200, { ticket, audit: { id: 1, events: [] } });
  return bodies;
}

function mockUpload(filename: string, token: string, uploads: Buffer[]) {
  nock(ZENDESK).post('/api/v2/uploads.json', (body: string) => { uploads.push(Buffer.from(body, 'hex')); return true; })
    .query({ filename }).reply(201, { upload: { token, attachment: { id: 1, file_name: filename } } });
}

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

let service: Service | undefined;
let dir: string;
let invocation = 0;

/** Starts the live service on `dir` (kept between starts, so the store survives a restart). */
async function start(config: (yaml: string) => string) {
  const configFile = path.join(dir, 'coverage.yaml');
  fs.writeFileSync(configFile, config(fs.readFileSync(path.join(root, 'examples/coverage.yaml'), 'utf8')));
  service = await startService({
    settings: readSettings({
      PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: configFile, DATABASE_URL: path.join(dir, 'inscope.db'),
      ZENDESK_SUBDOMAIN: 'acme', ZENDESK_EMAIL: 'bot@veldhuis-software.nl', ZENDESK_API_TOKEN: 'api-token-for-tests',
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
  return service;
}

/** The example config with extra keys in one contract's mapping. */
const inContract = (id: string, keys: string) => (yaml: string) => yaml.replace(`  - id: ${id}\n`, `  - id: ${id}\n${keys}`);

async function postTicketCreated(svc: Service, ticket: Ticket) {
  const delivery = signZendeskEventDelivery(ticket, { secret: SECRET, eventType: 'ticket.created', eventId: `evt-${ticket.id}`, invocationId: `inv-${++invocation}`, at: clock });
  expect((await postDelivery(svc.url, delivery)).status).toBe(202);
  await settleQueue(svc);
}

async function convert(svc: Service, ticketId: number, body: Record<string, unknown>) {
  const token = await signAppJwt({ sub: '17', email: 'manager@veldhuis-software.nl' }, APP_SECRET, { expiresInSec: 60, now: clock });
  return fetch(`${svc.url}/api/v1/zendesk/tickets/${ticketId}/actions/convert`, {
    method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
}

const linkIn = (comment: string) => /https:\/\/inscope\.example\.test(\/p\/[A-Za-z0-9_.-]+)/.exec(comment)?.[1];

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
afterEach(async () => {
  nock.cleanAll();
  await service?.close();
  service = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a contract\'s own VAT on its proposals', () => {
  it('prices an automatic proposal with the contract\'s vatPercent instead of proposals.vatPercent', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-vat-'));
    const svc = await start(inContract('C-2025-014', '    vatPercent: 9\n'));
    const ticket = freshTicket(48203);
    mockReads(ticket, ...ZUIDWIJK);
    const uploads: Buffer[] = [];
    mockUpload('P-2026-0001-v1.pdf', 'upload-token-1', uploads);
    const puts = capturePuts(ticket, 1);
    await postTicketCreated(svc, ticket);
    expect(nock.isDone()).toBe(true);
    // 3 h × € 135 = € 405,00, plus 9 % = € 36,45.
    expect(puts[0]!.ticket.comment!.body).toMatch(/Totaal: €\s441,45 \(€\s405,00 plus 9% btw\)/);
    expect(await pdfText(uploads[0]!)).toMatch(/btw 9%\s*€\s36,45/);
    const [stored] = await svc.store.listProposals({ ticketId: '48203', limit: 1 });
    expect(stored).toMatchObject({ subtotal: 40500, total: 44145, document: { vatPercent: 9, vat: 3645 } });
    expect(stored!.document).not.toHaveProperty('reverseCharge');
  });

  it('reverse-charges VAT: no VAT, and "BTW verlegd" on the Dutch comment, PDF and acceptance page', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-vat-'));
    const svc = await start(inContract('C-2025-014', '    reverseCharge: true\n'));
    const ticket = freshTicket(48203);
    mockReads(ticket, ...ZUIDWIJK);
    const uploads: Buffer[] = [];
    mockUpload('P-2026-0001-v1.pdf', 'upload-token-1', uploads);
    const puts = capturePuts(ticket, 1);
    await postTicketCreated(svc, ticket);
    const comment = puts[0]!.ticket.comment!.body;
    expect(comment).toMatch(/Totaal: €\s405,00 \(BTW verlegd\)/);
    expect(comment).not.toMatch(/plus .* btw/);
    const text = await pdfText(uploads[0]!);
    expect(text).toMatch(/BTW verlegd\s*€\s0,00/);
    expect(text).not.toMatch(/btw 21%/);
    const page = await (await fetch(`${svc.url}${linkIn(comment)!}`)).text();
    expect(page).toContain('<dt>Btw</dt><dd data-testid="vat">BTW verlegd</dd>');
    expect(page).toMatch(/<dt>Totaal<\/dt><dd data-testid="total"><strong>€\s405,00<\/strong>/);
    expect(page).not.toContain('incl. btw');
    const [stored] = await svc.store.listProposals({ ticketId: '48203', limit: 1 });
    expect(stored).toMatchObject({ subtotal: 40500, total: 40500, document: { vatPercent: 0, vat: 0, reverseCharge: true } });
  });

  it('says "VAT reverse-charged" in English, and a revision keeps the reverse charge after the config dropped it', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-vat-'));
    let svc = await start(inContract('C-2026-022', '    reverseCharge: true\n'));
    const ticket = freshTicket(48207);
    mockReads(ticket, ...NORTHWIND);
    const uploads: Buffer[] = [];
    mockUpload('P-2026-0001-v1.pdf', 'up-1', uploads);
    const puts = capturePuts(ticket, 2);
    const first = await convert(svc, 48207, { hours: 4, scope: 'Configure the shift-change webhooks.' });
    expect(first.status).toBe(200);
    // 4 h × £ 150, no VAT.
    expect(await first.json()).toMatchObject({ proposal: { number: 'P-2026-0001', version: 1, total: 600 } });
    const comment = puts[0]!.ticket.comment!.body;
    expect(comment).toMatch(/Total: £600\.00 \(VAT reverse-charged\)/);
    expect(await pdfText(uploads[0]!)).toMatch(/VAT reverse-charged\s*£0\.00/);
    const page = await (await fetch(`${svc.url}${linkIn(comment)!}`)).text();
    expect(page).toContain('<dt>VAT</dt><dd data-testid="vat">VAT reverse-charged</dd>');

    // The administrator removes the reverse charge (and the default VAT is 21 %); the number's next
    // version is still the proposal the customer was sent, with its VAT.
    await svc.close();
    svc = await start((yaml) => yaml);
    mockReads(ticket, ...NORTHWIND);
    mockUpload('P-2026-0001-v2.pdf', 'up-2', uploads);
    capturePuts(ticket, 2, puts);
    const second = await convert(svc, 48207, { hours: 6, scope: 'Configure the webhooks and a retry queue.' });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ proposal: { number: 'P-2026-0001', version: 2, supersedes: 1, total: 900 } });
    expect(puts[2]!.ticket.comment!.body).toMatch(/Total: £900\.00 \(VAT reverse-charged\)/);
    const [latest] = await svc.store.listProposals({ ticketId: '48207', limit: 1 });
    expect(latest!.document).toMatchObject({ version: 2, vatPercent: 0, vat: 0, reverseCharge: true });
  });
});
