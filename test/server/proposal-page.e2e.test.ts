// The acceptance page in Chromium (Debian's Chromium through playwright-core) against the
// real service and the loopback Zendesk double: an advisory delivery sends the proposal, the
// customer opens the link from the public comment, sees the summary and clicks Accept; the store
// records the acceptance and the worker then gives the ticket the advisory work status.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { signZendeskDelivery } from '../../connectors/zendesk/webhook/verify-zendesk-signature.js';
import { anchoredClock } from '../helpers/anchored-clock.js';
import { startFakeZendesk, type FakeTicket, type FakeZendesk } from '../helpers/fake-zendesk.js';
import { chromiumForTests } from '../helpers/find-chromium.js';

const root = path.resolve(import.meta.dirname, '../..');
const SECRET = 'webhook-secret-for-the-page-test';
const CATEGORY_FIELD = 360001000001;
const STATUS = { new: 19000000101, approved: 19000000102 };
const TICKET = 48203;
// The proposal number carries the year of the service's clock: anchor it, so that P-2026-0001 holds in any year.
const now = anchoredClock('2026-11-27T10:00:00.000Z');

const browserBinary = chromiumForTests('the acceptance page browser test');

function example(id: number) {
  const file = fs.readdirSync(path.join(root, 'examples/tickets')).find((f) => f.startsWith(`zendesk-${id}-`))!;
  const world = JSON.parse(fs.readFileSync(path.join(root, 'examples/tickets', file), 'utf8')) as { ticket: FakeTicket & { custom_fields: { id: number; value: unknown }[] }; users?: FakeTicket[]; organizations?: FakeTicket[] };
  const fields = world.ticket.custom_fields.map((f) => (f.id === CATEGORY_FIELD ? { ...f, value: null } : f));
  return { ticket: { ...world.ticket, status: 'new', custom_status_id: STATUS.new, custom_fields: fields, fields }, users: world.users ?? [], organizations: world.organizations ?? [] };
}

describe.skipIf(browserBinary.skip)('the acceptance page in Chromium', { timeout: 60_000 }, () => {
  let dir: string;
  let fake: FakeZendesk;
  let service: Service;
  let browser: Browser;

  beforeAll(async () => {
    // First, so that CI without Chromium fails before starting anything.
    const executablePath = browserBinary.executablePath();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-page-e2e-'));
    const world = example(TICKET);
    fake = await startFakeZendesk({ tickets: [world.ticket], users: world.users, organizations: world.organizations });
    service = await startService({
      settings: readSettings({
        PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: path.join(root, 'examples/coverage.yaml'), DATABASE_URL: path.join(dir, 'inscope.db'),
        ZENDESK_SUBDOMAIN: 'veldhuis', ZENDESK_EMAIL: 'inscope@veldhuis-software.nl', ZENDESK_API_TOKEN: 'e2e-token', ZENDESK_BASE_URL: fake.url,
        ZENDESK_WEBHOOK_SECRET: SECRET, INSCOPE_WORKERS: '1', ZENDESK_BOT_USER_ID: '900000001', INSCOPE_PUBLIC_URL: 'http://127.0.0.1:1',
      }),
      now,
      delayScale: 0.001,
      pollMs: 2,
      sweepMs: 0,
    });
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await fake?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the proposal summary, and Accept records the acceptance and sets the ticket to the work status', async () => {
    const ticket = fake.ticket(TICKET)!;
    const raw = JSON.stringify({
      account_id: 1, id: 'evt-page', subject: `zen:ticket:${TICKET}`, time: new Date(now()).toISOString(), type: 'zen:event-type:ticket.created', zendesk_event_version: '2022-11-06', event: {},
      detail: { id: String(TICKET), subject: ticket['subject'], description: ticket['description'], status: 'NEW', organization_id: String(ticket['organization_id']), requester_id: String(ticket['requester_id']), created_at: ticket['created_at'], updated_at: ticket['updated_at'], tags: [] },
    });
    const timestamp = new Date(now()).toISOString();
    const res = await fetch(`${service.url}/webhooks/zendesk`, {
      method: 'POST', body: raw,
      headers: { 'content-type': 'application/json', 'x-zendesk-webhook-signature': signZendeskDelivery(SECRET, timestamp, raw), 'x-zendesk-webhook-signature-timestamp': timestamp, 'x-zendesk-webhook-invocation-id': 'inv-page', 'x-zendesk-account-id': '1', 'x-zendesk-webhook-id': 'wh' },
    });
    expect(res.status).toBe(202);
    await fake.waitForCall((c) => c.method === 'POST' && c.path.startsWith('/api/v2/uploads'));
    let proposal;
    for (let i = 0; i < 500 && proposal?.status !== 'sent'; i++) {
      [proposal] = await service.store.listProposals({ ticketId: String(TICKET), limit: 1 });
      if (proposal?.status !== 'sent') await new Promise((r) => setTimeout(r, 10));
    }
    expect(proposal).toMatchObject({ status: 'sent', number: 'P-2026-0001' });
    const publicComment = fake.comments(TICKET).find((c) => JSON.stringify(c).includes('/p/'));
    const link = /http:\/\/127\.0\.0\.1:1(\/p\/[A-Za-z0-9_.-]+)/.exec(JSON.stringify(publicComment))?.[1];
    expect(link).toBeDefined();

    const page = await browser.newPage();
    await page.goto(`${service.url}${link}`);
    expect(await page.textContent('h1')).toBe('Offerte P-2026-0001 — versie 1');
    expect(await page.textContent('[data-testid="total"]')).toMatch(/€\s490,05/);
    await Promise.all([page.waitForNavigation(), page.click('button.accept')]);
    expect(await page.textContent('[data-testid="state-accepted"]')).toContain('akkoord gegaan');

    const [accepted] = await service.store.listProposals({ ticketId: String(TICKET), limit: 1 });
    expect(accepted).toMatchObject({ status: 'accepted', decidedIp: expect.stringMatching(/127\.0\.0\.1/) });
    // The page answered once the decision was stored; the worker writes the ticket right after.
    await fake.waitForCall((c) => c.method === 'PUT' && c.status === 200 && JSON.stringify(c.body).includes('_accepted'));
    expect(fake.ticket(TICKET)!['custom_status_id']).toBe(STATUS.approved);

    // Back and click again: the link is used up and says so.
    await page.goto(`${service.url}${link}`);
    expect(await page.textContent('[data-testid="state-used"]')).toContain('al beslist');
    await page.close();
  });
});
