// Shadow mode as a rehearsal, through the real service on a real SQLite store: an advisory delivery
// yields one log line with the change it would write, the status page shows that change and serves
// the proposal's PDF, the proposal is addressed to the organization, its printed accept link opens
// a marked preview that records nothing, and the month's budget counts it as committed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { signZendeskDelivery } from '../../connectors/zendesk/webhook/verify-zendesk-signature.js';
import { settleQueue } from '../helpers/settle-queue.js';
import { runInscope, type InscopeRun } from '../helpers/run-inscope.js';

const SECRET = 'webhook-signing-secret-for-tests';
const root = path.resolve(import.meta.dirname, '../..');
const NOV_27 = Date.parse('2026-11-27T10:00:00Z');

let service: Service;
let dir: string;
const lines: string[] = [];

/** Ticket 48203 (Gemeente Zuidwijk, advisory) as a ticket.created delivery carries it: ids, no names. */
function advisoryDelivery() {
  const file = fs.readdirSync(path.join(root, 'examples/tickets')).find((f) => f.startsWith('zendesk-48203-'))!;
  const { ticket } = JSON.parse(fs.readFileSync(path.join(root, 'examples/tickets', file), 'utf8')) as { ticket: Record<string, unknown> };
  return {
    account_id: 21234567,
    detail: {
      id: String(ticket.id), subject: ticket.subject, description: ticket.description, status: 'NEW', organization_id: String(ticket.organization_id),
      requester_id: String(ticket.requester_id), created_at: ticket.created_at, updated_at: ticket.updated_at, tags: ticket.tags, priority: 'NORMAL', via: { channel: 'web_form' },
    },
    event: {}, id: 'evt-shadow-1', subject: `zen:ticket:${String(ticket.id)}`, time: '2026-11-27T10:00:00.000Z', type: 'zen:event-type:ticket.created', zendesk_event_version: '2022-11-06',
  };
}

const settle = (): Promise<void> => settleQueue(service);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-shadow-rehearsal-'));
  service = await startService({
    settings: readSettings({
      PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: path.join(root, 'examples/coverage.yaml'), DATABASE_URL: path.join(dir, 'data', 'inscope.db'),
      ZENDESK_WEBHOOK_SECRET: SECRET, INSCOPE_WORKERS: '1', INSCOPE_PUBLIC_URL: 'https://inscope.example.test', INSCOPE_PROPOSAL_SECRET: 'proposal-secret-for-tests-0123456789',
      // Relative, and below a dot folder: the PDF route must still find what shadow mode wrote.
      INSCOPE_PROPOSALS_DIR: path.relative(process.cwd(), path.join(dir, '.inscope', 'proposals')),
    }),
    now: () => NOV_27, delayScale: 0.001, pollMs: 2, retryBaseMs: 1, sweepMs: 0,
    log: (line) => lines.push(line),
  });
  expect(service.mode).toBe('shadow');
  const raw = JSON.stringify(advisoryDelivery());
  const timestamp = new Date(NOV_27).toISOString();
  const response = await fetch(`${service.url}/webhooks/zendesk`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json', 'x-zendesk-webhook-signature': signZendeskDelivery(SECRET, timestamp, raw),
      'x-zendesk-webhook-signature-timestamp': timestamp, 'x-zendesk-webhook-invocation-id': 'inv-1',
    },
    body: raw,
  });
  expect(response.status).toBe(202);
  await settle();
});

afterAll(async () => {
  await service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('logs the decision as one JSON line with the change it would write', () => {
  expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([{
    event: 'decision', at: '2026-11-27T10:00:00.000Z', mode: 'shadow', helpdesk: 'zendesk', ticket: '48203', job: 1, outcome: 'advisory', rule: 'how-to-question',
    kind: 'decision', applied: false, category: 'advisory', status: 'new', tags: ['payroll', 'inscope_advisory', expect.stringMatching(/^inscope_d_[0-9a-f]{8}$/), 'inscope_p2026_0001_v1'],
    comment: { public: true, language: 'nl', attachments: 1 }, proposal: 'P-2026-0001',
  }]);
});

it('addresses the proposal to the organization from the contract, not to the ticket', async () => {
  const [proposal] = await service.store.listProposals({ ticketId: '48203', limit: 1 });
  expect(proposal!.document.organization).toEqual({ id: '9002', name: 'Gemeente Zuidwijk — Silver 2025-2027' });
});

it('shows the would-be change on the status page and serves the shadow PDF it links to', async () => {
  const html = await (await fetch(`${service.url}/`)).text();
  expect(html).toContain('<th>Would set (not written)</th>');
  expect(html).toContain('category <b>advisory</b><br>status <b>new</b><br>tags <code>payroll</code> <code>inscope_advisory</code>');
  const [proposal] = await service.store.listProposals({ ticketId: '48203', limit: 1 });
  expect(html).toContain(`proposal <a href="/proposals/${proposal!.id}.pdf">P-2026-0001 v1 (PDF)</a>`);
  const pdf = await fetch(`${service.url}/proposals/${proposal!.id}.pdf`);
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  expect((await fetch(`${service.url}/proposals/999.pdf`)).status).toBe(404);
  fs.renameSync(path.resolve(proposal!.pdfPath!), `${path.resolve(proposal!.pdfPath!)}.moved`);
  const gone = await fetch(`${service.url}/proposals/${proposal!.id}.pdf`);
  expect(gone.status).toBe(404);
  expect(await gone.json()).toEqual({ error: { code: 'not_found', message: 'The PDF of P-2026-0001 is no longer on disk' } });
  fs.renameSync(`${path.resolve(proposal!.pdfPath!)}.moved`, path.resolve(proposal!.pdfPath!));
  expect((await fetch(`${service.url}/proposals/..%2Fdata.pdf`)).status).toBe(404);
});

it('opens the printed accept link as a marked preview, and accepting there changes nothing', async () => {
  const [proposal] = await service.store.listProposals({ ticketId: '48203', limit: 1 });
  const link = new URL(proposal!.document.acceptUrl!).pathname;
  const page = await fetch(`${service.url}${link}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('data-testid="state-preview"');
  expect(html).toContain('VOORBEELD (schaduwmodus): deze offerte is niet naar de klant gestuurd.');
  const audited = (await service.store.listAudit({ ticketId: '48203', limit: 50 })).length;
  const accept = await fetch(`${service.url}${link}/accept`, { method: 'POST' });
  expect(accept.status).toBe(200);
  expect(await accept.text()).toContain('data-testid="preview-nothing-recorded"');
  expect(await service.store.getProposal(proposal!.id)).toMatchObject({ status: 'draft', decidedAt: null });
  expect(await service.store.listAudit({ ticketId: '48203', limit: 50 })).toHaveLength(audited);
  expect((await service.store.queueDepth()).queued).toBe(0);
});

it('counts the shadow proposal as committed in the month budget, labelled as shadow', async () => {
  const html = await (await fetch(`${service.url}/reports/budget?month=2026-11&org=9002`)).text();
  expect(html).toContain('data-testid="shadow"');
  expect(html).toMatch(/<td>1<\/td><td>0<\/td><td>3 h<\/td><td>0 h<\/td><td>€405\.00<\/td><td>€0\.00<\/td><td>€4,000\.00<\/td><td>€3,595\.00<\/td>/);
  const [proposal] = await service.store.listProposals({ ticketId: '48203', limit: 1 });
  const budget = await service.proposals.budgetFor({ contract: { id: 'C-2025-014' } } as never, null);
  expect(budget).toMatchObject({ committed: 405, pending: 0, shadow: true });
  expect(proposal!.status).toBe('draft');
});

/** The real binary on the service's own store, as an administrator would run it beside the service. */
function inscope(...args: string[]): Promise<InscopeRun> {
  return runInscope(args, { INSCOPE_CONFIG: '', INSCOPE_TENANTS: '', DATABASE_URL: path.join(dir, 'data', 'inscope.db') });
}

it('reads back as the administrator would: the decision with what it would set, and the shadow month', async () => {
  const decisions = await inscope('decisions', 'list', '--format', 'table');
  expect(decisions).toMatchObject({ code: 0, stderr: '' });
  expect(decisions.stdout.split('\n')[1]).toMatch(/^\d+\s+2026-11-27 10:00:00\s+shadow\s+48203\s+advisory\s+how-to-question\s+Gemeente Zuidwijk — Silver 2025-2027\s+advisory\s+new\s+payroll inscope_advisory inscope_d_[0-9a-f]{8} inscope_p2026_0001_v1\s+public \(nl\)\s+P-2026-0001 v1$/);
  const budget = await inscope('budget', 'report', '--month', '2026-11', '--org', '9002');
  expect(budget).toMatchObject({ code: 0, stderr: '' });
  expect(budget.stdout).toMatch(/^Budget 2026-11 \(shadow mode: /);
  expect(budget.stdout.split('\n')[2]).toMatch(/^Gemeente Zuidwijk — Silver 2025-2027\s+C-2025-014\s+0\s+1\s+0\s+3 h\s+0 h\s+€405\.00\s+€0\.00\s+€4,000\.00\s+€3,595\.00\s+10\.1%\s+1$/);
}, 60_000);

