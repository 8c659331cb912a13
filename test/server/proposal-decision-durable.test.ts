// A proposal decision's ticket write survives a helpdesk outage: the real service (SQLite store, real
// worker pool) against the loopback Zendesk double. The customer's page answers once the decision
// is stored; the worker writes status, note and marker tag with the queue's retries; a write that
// landed but whose answer was lost is not repeated; a missing ticket goes to the dead letters; and a
// delivery coalesced into the same job is still triaged without the guard undoing the acceptance.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { startFakeZendesk, type FakeTicket, type FakeZendesk } from '../helpers/fake-zendesk.js';
import { postDelivery, signZendeskEventDelivery } from '../helpers/sign-zendesk-event-delivery.js';

const root = path.resolve(import.meta.dirname, '../..');
const SECRET = 'webhook-secret-for-the-durable-decision-test';
const CATEGORY_FIELD = 360001000001;
const STATUS = { new: 19000000101, approved: 19000000102 };
const TICKET = 48203;
const PUT = { method: 'PUT', path: `/api/v2/tickets/${TICKET}.json` };
const MARKER = 'inscope_p2026_0001_v1_accepted';
// The first retry of a failed job waits random × retryBaseMs = 30 s of the frozen clock.
const RETRY_WAIT = 30_000;

let dir: string;
let fake: FakeZendesk;
let service: Service;
let clock = Date.parse('2026-11-27T10:00:00Z');

function example() {
  const file = fs.readdirSync(path.join(root, 'examples/tickets')).find((f) => f.startsWith(`zendesk-${TICKET}-`))!;
  const world = JSON.parse(fs.readFileSync(path.join(root, 'examples/tickets', file), 'utf8')) as { ticket: FakeTicket & { custom_fields: { id: number; value: unknown }[] }; users?: FakeTicket[]; organizations?: FakeTicket[] };
  const fields = world.ticket.custom_fields.map((f) => (f.id === CATEGORY_FIELD ? { ...f, value: null } : f));
  return { ticket: { ...world.ticket, status: 'new', custom_status_id: STATUS.new, custom_fields: fields, fields }, users: world.users ?? [], organizations: world.organizations ?? [] };
}

async function start(): Promise<void> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-decision-'));
  clock = Date.parse('2026-11-27T10:00:00Z');
  const world = example();
  fake = await startFakeZendesk({ tickets: [world.ticket], users: world.users, organizations: world.organizations });
  service = await startService({
    settings: readSettings({
      PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: path.join(root, 'examples/coverage.yaml'), DATABASE_URL: path.join(dir, 'inscope.db'),
      ZENDESK_SUBDOMAIN: 'veldhuis', ZENDESK_EMAIL: 'inscope@veldhuis-software.nl', ZENDESK_API_TOKEN: 'durable-token', ZENDESK_BASE_URL: fake.url,
      ZENDESK_WEBHOOK_SECRET: SECRET, INSCOPE_WORKERS: '1', ZENDESK_BOT_USER_ID: '900000001', INSCOPE_PUBLIC_URL: 'https://inscope.example.test',
      INSCOPE_PROPOSAL_SECRET: 'proposal-secret-for-the-durable-test-0123',
    }),
    now: () => clock,
    random: () => 0.5,
    delayScale: 0.001,
    pollMs: 2,
    retryBaseMs: 2 * RETRY_WAIT,
    sweepMs: 0,
  });
}

afterEach(async () => {
  await service?.close();
  await fake?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function deliver(eventType: 'ticket.created' | 'ticket.status_changed', event: unknown = {}): Promise<void> {
  const delivery = signZendeskEventDelivery(fake.ticket(TICKET) as never, { secret: SECRET, eventType, event, at: clock });
  expect((await postDelivery(service.url, delivery)).status).toBe(202);
}

/** Every runnable job handled (a job waiting for its retry time is not runnable on the frozen clock). */
const drain = () => service.pool.drain();

/** Sends the advisory ticket's proposal; returns the path of the customer's link. */
async function sendProposal(): Promise<string> {
  await deliver('ticket.created');
  await drain();
  const link = /https:\/\/inscope\.example\.test(\/p\/[A-Za-z0-9_.-]+)/.exec(JSON.stringify(fake.comments(TICKET)))?.[1];
  expect(link).toBeDefined();
  return link!;
}

const acceptNotes = () => fake.comments(TICKET).filter((c) => JSON.stringify(c).includes('GEACCEPTEERD'));
const putsAfter = (seq: number) => fake.calls.filter((c) => c.seq > seq && c.method === 'PUT');
const audit = async (rule: string) => (await service.store.listAudit({ ticketId: String(TICKET), limit: 50 })).filter((a) => a.rule === rule);

async function accept(link: string): Promise<void> {
  const page = await fetch(`${service.url}${link}/accept`, { method: 'POST' });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('akkoord gegaan');
}

/**
 * An acceptance whose ticket write failed once (500) and waits for its retry, with an agent's
 * status change coalesced into the same queued job. Returns the call count before the acceptance.
 */
async function acceptBehindAnAgentChange(): Promise<{ before: number; queued: { id: number } }> {
  await start();
  const link = await sendProposal();
  const before = fake.calls.length;
  fake.inject({ kind: 'status', status: 500 }, PUT);
  await accept(link);
  await drain();
  await deliver('ticket.status_changed', { current: 'OPEN', previous: 'NEW' });
  await drain();
  const [queued] = await service.store.listJobs({ state: 'queued', limit: 5 });
  return { before, queued: queued! };
}

describe('a proposal decision written through the queue', { timeout: 30_000 }, () => {
  it('answers the page at once while Zendesk fails, and writes status and note exactly once when it recovers', async () => {
    await start();
    const link = await sendProposal();
    const before = fake.calls.length;
    // The worker's first read is held and its first write answers 500: the page must not wait on either.
    fake.inject({ kind: 'hold', afterApply: false }, { method: 'GET', path: `/api/v2/tickets/${TICKET}/audits.json` });
    fake.inject({ kind: 'status', status: 500 }, PUT);
    await accept(link);
    expect((await service.store.listProposals({ ticketId: String(TICKET), limit: 1 }))[0]).toMatchObject({ status: 'accepted' });
    (await fake.waitForHeld()).release();
    await drain();

    expect(putsAfter(before).map((c) => c.status)).toEqual([500]);
    expect(fake.ticket(TICKET)!['custom_status_id']).toBe(STATUS.new);
    expect(acceptNotes()).toHaveLength(0);
    const [waiting] = await service.store.listJobs({ state: 'queued', limit: 5 });
    expect(waiting!.lastError).toMatch(/500/);
    expect(await audit('proposal-accepted')).toHaveLength(1);
    expect(await audit('proposal-ticket-updated')).toHaveLength(0);

    clock += RETRY_WAIT;
    await drain();
    expect(putsAfter(before).map((c) => c.status)).toEqual([500, 200]);
    expect(fake.ticket(TICKET)!['custom_status_id']).toBe(STATUS.approved);
    expect(fake.ticket(TICKET)!['tags']).toContain(MARKER);
    expect(acceptNotes()).toHaveLength(1);
    expect(acceptNotes()[0]).toMatchObject({ public: false });
    const [updated] = await audit('proposal-ticket-updated');
    expect(updated!.note).toContain(MARKER);
    expect(updated!.at).toBe(clock);
    expect((await service.store.queueDepth()).queued).toBe(0);
  });

  it('does not post the note again when the write landed but its answer was lost', async () => {
    await start();
    const link = await sendProposal();
    const before = fake.calls.length;
    fake.inject({ kind: 'drop', afterApply: true }, PUT);
    await accept(link);
    await drain();
    // Zendesk has the change; InScope only saw the connection drop and retries the job later.
    expect(acceptNotes()).toHaveLength(1);
    expect((await service.store.listJobs({ state: 'queued', limit: 5 }))[0]!.lastError).toMatch(/network/);

    clock += RETRY_WAIT;
    await drain();
    expect(putsAfter(before)).toHaveLength(1);
    expect(acceptNotes()).toHaveLength(1);
    expect(fake.ticket(TICKET)!['custom_status_id']).toBe(STATUS.approved);
    const updates = await audit('proposal-ticket-updated');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.note).toMatch(/found on the ticket/);
    expect((await service.store.queueDepth()).queued).toBe(0);
  });

  it('queues the write of a decision whose process died before queueing it, once, at the next sweep', async () => {
    await start();
    await sendProposal();
    const [sent] = await service.store.listProposals({ ticketId: String(TICKET), limit: 1 });
    // The decision committed, then the process died: no ticket write was queued.
    await service.store.transitionProposal(sent!.id, { from: ['sent'], to: 'accepted', at: clock, actor: 'anouk@bakkerijjansen.nl via link', budgetMonth: '2026-11' });
    await drain();
    expect(acceptNotes()).toHaveLength(0);

    await service.sweepProposals();
    await drain();
    expect(fake.ticket(TICKET)!['custom_status_id']).toBe(STATUS.approved);
    expect(fake.ticket(TICKET)!['tags']).toContain(MARKER);
    expect(acceptNotes()).toHaveLength(1);
    expect((await audit('proposal-accepted')).map((a) => a.note)).toEqual([expect.stringContaining('queued again')]);

    // Later sweeps find the write queued already and change nothing.
    const calls = fake.calls.length;
    clock += 60_000;
    await service.sweepProposals();
    await drain();
    expect(fake.calls.length).toBe(calls);
    expect(acceptNotes()).toHaveLength(1);
    expect(await audit('proposal-accepted')).toHaveLength(1);
  });

  it('dead-letters the write with the reason when the ticket is gone', async () => {
    await start();
    const link = await sendProposal();
    fake.inject({ kind: 'status', status: 404 }, PUT);
    await accept(link);
    await drain();
    const [dead] = await service.store.listJobs({ state: 'dead', limit: 5 });
    expect(dead!.lastError).toMatch(/notFound 404/);
    expect(acceptNotes()).toHaveLength(0);
    expect((await service.store.listProposals({ ticketId: String(TICKET), limit: 1 }))[0]!.status).toBe('accepted');
    expect(await audit('proposal-ticket-updated')).toHaveLength(0);
  });

  it('triages a delivery coalesced into the same job, and the guard leaves the accepted ticket Approved', async () => {
    const { before, queued } = await acceptBehindAnAgentChange();
    expect((await service.store.getJob(queued.id))!.deliveries.map((d) => d.eventType)).toEqual(['inscope.proposal_decided', 'ticket.status_changed']);

    clock += RETRY_WAIT;
    await drain();
    expect(putsAfter(before).map((c) => c.status)).toEqual([500, 200]);
    expect(fake.ticket(TICKET)!['custom_status_id']).toBe(STATUS.approved);
    expect(acceptNotes()).toHaveLength(1);
    const decisions = (await service.store.listAudit({ ticketId: String(TICKET), limit: 50 })).filter((a) => a.jobId === queued.id && a.kind !== 'error');
    expect(decisions.map((a) => a.kind).sort()).toEqual(['action', 'decision']);
    expect(decisions.find((a) => a.kind === 'decision')!.note).toMatch(/already applied/);
  });

  it('audits a write the helpdesk refuses for good and still triages the events coalesced with it', async () => {
    const { before, queued } = await acceptBehindAnAgentChange();
    // The retried decision write is refused as invalid (a ticket closed meanwhile, say).
    fake.inject({ kind: 'status', status: 422, body: { error: 'RecordInvalid', description: 'Record validation errors' } }, PUT);

    clock += RETRY_WAIT;
    await drain();
    expect(putsAfter(before)[0]!.status).toBe(500);
    expect(putsAfter(before)[1]!.status).toBe(422);
    expect(acceptNotes()).toHaveLength(0);
    const job = await service.store.getJob(queued.id);
    expect(job!.state).toBe('done');
    const entries = (await service.store.listAudit({ ticketId: String(TICKET), limit: 50 })).filter((a) => a.jobId === queued.id);
    expect(entries.find((a) => a.rule === 'proposal-ticket-update-refused')!.note).toMatch(/validation 422/);
    // The agent's status change in the same job was triaged.
    expect(entries.some((a) => a.kind === 'decision')).toBe(true);
  });
});
