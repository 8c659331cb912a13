// The Zendesk double is checked against the connector's real Zendesk client, so the shapes it
// answers are the ones the client reads, and its faults reach the client the way Zendesk's would.
import { afterEach, describe, expect, it } from 'vitest';
import { createZendeskClient, type ZendeskClient } from '../../connectors/zendesk/client/index.js';
import { isConflictError, isHelpdeskError } from '../../connectors/shared/helpdesk-error.js';
import { startFakeZendesk, type FakeComment, type FakeZendesk, type FakeZendeskOptions } from './fake-zendesk.js';

const TICKET = {
  id: 4101,
  created_at: '2026-10-05T08:12:40Z',
  updated_at: '2026-10-05T08:14:02Z',
  subject: 'Foutmelding bij boeken memoriaal',
  description: "Sinds de update naar 10.2 krijgen we de melding 'Periode is afgesloten'.",
  status: 'new',
  custom_status_id: 19000000101,
  requester_id: 7001,
  submitter_id: 7001,
  assignee_id: null,
  organization_id: 9001,
  tags: ['finance'],
  custom_fields: [
    { id: 360001000001, value: null },
    { id: 360001000002, value: 'finance' },
  ],
};
const USER = { id: 7001, name: 'Marieke Jansen', email: 'm.jansen@bakkerijjansen.nl', locale: 'nl', organization_id: 9001 };
const ORG = { id: 9001, name: 'Bakkerij Jansen B.V.', domain_names: ['bakkerijjansen.nl'] };

let fake: FakeZendesk | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** `onSleep` sees the client's waits (which take no time here), e.g. to move the double's clock on. */
async function setup(overrides: Partial<FakeZendeskOptions> = {}, onSleep: (ms: number) => void = () => {}): Promise<{ fake: FakeZendesk; client: ZendeskClient; sleeps: number[] }> {
  fake = await startFakeZendesk({ tickets: [TICKET], users: [USER], organizations: [ORG], now: () => Date.parse('2026-10-05T09:00:00Z'), ...overrides });
  const sleeps: number[] = [];
  const client = createZendeskClient({
    subdomain: 'veldhuis',
    auth: { email: 'bot@veldhuis-software.nl', apiToken: 'fake-token' },
    baseUrl: fake.url,
    rateLimitPerMinute: 100_000,
    sleep: async (ms) => {
      sleeps.push(ms);
      onSleep(ms);
    },
    random: () => 0.5,
  });
  return { fake, client, sleeps };
}

describe('startFakeZendesk', () => {
  it('answers a ticket read with the requester and organization sideloaded, and the comments in one page', async () => {
    const { fake, client } = await setup();
    const { ticket, users, organizations } = await client.getTicket(4101, { include: ['users', 'organizations'] });
    expect(ticket).toMatchObject({ id: 4101, updated_at: '2026-10-05T08:14:02Z' });
    expect(users).toEqual([USER]);
    expect(organizations).toEqual([ORG]);
    const comments = await client.listTicketComments(4101);
    expect(comments).toEqual([expect.objectContaining({ body: TICKET.description, public: true, author_id: 7001 })]);
    expect(fake.calls.map((c) => [c.method, c.path, c.query, c.status])).toEqual([
      ['GET', '/api/v2/tickets/4101.json', { include: 'users,organizations' }, 200],
      ['GET', '/api/v2/tickets/4101/comments.json', { 'page[size]': '100' }, 200],
    ]);
  });

  it('leaves the sideloads out when they are not asked for', async () => {
    const { client } = await setup();
    const body = await client.getTicket(4101);
    expect(body).not.toHaveProperty('users');
    expect(body).not.toHaveProperty('organizations');
  });

  it('follows cursor pagination through more comments than one page holds', async () => {
    const many: FakeComment[] = Array.from({ length: 230 }, (_, i) => ({ id: i + 1, body: `comment ${i + 1}`, public: true }));
    const { fake, client } = await setup({ comments: { 4101: many } });
    const comments = await client.listTicketComments(4101);
    expect(comments.map((c) => c.id)).toEqual(many.map((c) => c.id));
    expect(fake.calls).toHaveLength(3);
  });

  it('answers the audits read with the ticket, the audit authors and their organization sideloaded, each comment an audit', async () => {
    const screenshot = { id: 51, file_name: 'foutmelding.png', content_type: 'image/png', size: 48211, inline: false };
    const { fake, client } = await setup({ comments: { 4101: [{ id: 81001, type: 'Comment', author_id: 7001, body: TICKET.description, public: true, attachments: [screenshot], created_at: TICKET.created_at }] } });
    const page = await client.getTicketAudits(4101, { include: ['tickets', 'users', 'organizations'] });
    expect(page.tickets).toEqual([expect.objectContaining({ id: 4101, updated_at: TICKET.updated_at, custom_fields: TICKET.custom_fields })]);
    expect(page.users).toEqual([USER]);
    expect(page.organizations).toEqual([ORG]);
    expect(page.audits).toEqual([expect.objectContaining({ ticket_id: 4101, author_id: 7001, created_at: TICKET.created_at, events: [expect.objectContaining({ type: 'Comment', id: 81001, attachments: [screenshot] })] })]);
    expect(page.after).toBeNull();
    expect(fake.calls.map((c) => [c.method, c.path, c.query, c.status])).toEqual([['GET', '/api/v2/tickets/4101/audits.json', { include: 'tickets,users,organizations', 'page[size]': '100' }, 200]]);
  });

  it("adds an update's audit, with its comment, to the ticket's audits", async () => {
    const { fake, client } = await setup();
    await client.updateTicket(4101, { tags: ['finance', 'inscope_covered'], comment: { body: 'InScope: covered', public: false } });
    const { audits, users } = await client.getTicketAudits(4101, { include: ['users'] });
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({ author_id: 900_001, events: expect.arrayContaining([expect.objectContaining({ type: 'Comment', body: 'InScope: covered', public: false })]) });
    // Only the authors of the listed audits come as users; the bot is not in this world's users.
    expect(users).toEqual([USER]);
    expect(fake.audits(4101)).toHaveLength(2);
  });

  it('pages the audits by cursor; a page asked for without sideloads carries none', async () => {
    const many: FakeComment[] = Array.from({ length: 130 }, (_, i) => ({ id: i + 1, author_id: 7001, body: `comment ${i + 1}`, public: true }));
    const { client } = await setup({ comments: { 4101: many } });
    const first = await client.getTicketAudits(4101, { include: ['tickets'] });
    expect(first.audits).toHaveLength(100);
    const second = await client.getTicketAudits(4101, { after: first.after! });
    expect(second.audits).toHaveLength(30);
    expect(second.after).toBeNull();
    expect(second.tickets).toBeUndefined();
  });

  it('applies a safe update: category field, custom status, tags and an internal note, with updated_at moved on', async () => {
    const { fake, client } = await setup();
    const { ticket, audit } = await client.updateTicket(
      4101,
      { custom_fields: [{ id: 360001000001, value: 'call' }], custom_status_id: 19000000102, tags: ['finance', 'inscope_covered'], comment: { body: 'InScope: covered', public: false } },
      { safeUpdate: { updatedStamp: '2026-10-05T08:14:02Z' } },
    );
    expect(ticket).toMatchObject({ custom_status_id: 19000000102, tags: ['finance', 'inscope_covered'], updated_at: '2026-10-05T09:00:00Z' });
    expect(ticket.custom_fields).toContainEqual({ id: 360001000001, value: 'call' });
    expect(audit).toMatchObject({ ticket_id: 4101, events: expect.arrayContaining([expect.objectContaining({ type: 'Comment', public: false })]) });
    expect(fake.comments(4101).at(-1)).toMatchObject({ body: 'InScope: covered', public: false, author_id: 900_001 });
    expect(fake.calls[0]).toMatchObject({ method: 'PUT', applied: true, status: 200, body: { ticket: { safe_update: true, updated_stamp: '2026-10-05T08:14:02Z' } } });
  });

  it('moves updated_at on by a second even when two writes fall in the same second, so safe updates still see them', async () => {
    const { client } = await setup();
    const first = await client.updateTicket(4101, { tags: ['a'] });
    const second = await client.updateTicket(4101, { tags: ['b'] });
    expect(Date.parse(second.ticket.updated_at!) - Date.parse(first.ticket.updated_at!)).toBe(1000);
  });

  it("refuses a safe update with a stale updated_stamp with 409 and Zendesk's UpdateConflict body, changing nothing", async () => {
    const { fake, client } = await setup();
    const error = await client.updateTicket(4101, { tags: ['x'], comment: { body: 'late', public: false } }, { safeUpdate: { updatedStamp: '2026-10-05T08:00:00Z' } }).catch((e: unknown) => e);
    expect(isConflictError(error)).toBe(true);
    expect((error as Error).message).toContain('UpdateConflict');
    expect(fake.ticket(4101)!.tags).toEqual(['finance']);
    expect(fake.comments(4101)).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({ status: 409, applied: false });
  });

  it('stores an upload and attaches it to the comment that names its token', async () => {
    const { fake, client } = await setup();
    const upload = await client.uploadFile('voorstel-4101.pdf', new Uint8Array(2048), 'application/pdf');
    expect(upload).toMatchObject({ token: expect.any(String), attachment: { file_name: 'voorstel-4101.pdf', size: 2048, content_type: 'application/pdf' } });
    await client.updateTicket(4101, { comment: { body: 'Voorstel', public: false, uploads: [upload.token] } });
    expect(fake.comments(4101).at(-1)!.attachments).toEqual([expect.objectContaining({ file_name: 'voorstel-4101.pdf' })]);
    expect(fake.calls[0]).toMatchObject({ method: 'POST', path: '/api/v2/uploads.json', query: { filename: 'voorstel-4101.pdf' }, body: { bytes: 2048 }, status: 201 });
  });

  it.each([
    { status: 404, id: 999, error: 'RecordNotFound' },
    { status: 401, id: 4101, error: "Couldn't authenticate you" },
  ])('answers $status ($error) where Zendesk would', async ({ status, id, error }) => {
    const { fake } = await setup();
    const headers: Record<string, string> = status === 401 ? {} : { authorization: 'Basic Ym90' };
    const response = await fetch(`${fake.url}/api/v2/tickets/${id}.json`, { headers });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error });
  });

  it('injects a 429 with Retry-After once; the client waits as told and the next attempt succeeds', async () => {
    const { fake, client, sleeps } = await setup();
    fake.inject({ kind: 'status', status: 429, retryAfterSec: 7 }, { method: 'GET', path: /^\/api\/v2\/tickets\/\d+\.json$/ });
    await client.getTicket(4101);
    expect(sleeps).toContain(7000);
    expect(fake.calls.map((c) => [c.status, c.fault])).toEqual([
      [429, 'status'],
      [200, null],
    ]);
  });

  it('drops the connection after applying a write: the client sees a network error, the ticket has changed', async () => {
    const { fake, client } = await setup();
    fake.inject({ kind: 'drop', afterApply: true }, { method: 'PUT' });
    const error = await client.updateTicket(4101, { comment: { body: 'once', public: false } }).catch((e: unknown) => e);
    expect(isHelpdeskError(error) && error.kind).toBe('network');
    expect(fake.comments(4101).map((c) => c.body)).toContain('once');
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({ status: null, applied: true, settled: true });
  });

  it('holds a response until released, and applies a held-back write only then', async () => {
    const { fake, client } = await setup();
    fake.inject({ kind: 'hold', afterApply: false }, { method: 'PUT' });
    const pending = client.updateTicket(4101, { tags: ['held'] });
    const held = await fake.waitForHeld();
    expect(held.call).toMatchObject({ method: 'PUT', applied: false, settled: false });
    expect(fake.ticket(4101)!.tags).toEqual(['finance']);
    held.release();
    await expect(pending).resolves.toMatchObject({ ticket: { tags: ['held'] } });
    expect(fake.calls[0]).toMatchObject({ applied: true, status: 200 });
  });

  it('never applies a held-back write whose client went away', async () => {
    const { fake } = await setup();
    fake.inject({ kind: 'hold', afterApply: false }, { method: 'PUT' });
    const abort = new AbortController();
    const request = fetch(`${fake.url}/api/v2/tickets/4101.json`, {
      method: 'PUT',
      headers: { authorization: 'Basic Ym90', 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: { tags: ['never'] } }),
      signal: abort.signal,
    }).catch(() => 'aborted');
    const held = await fake.waitForHeld();
    abort.abort();
    expect(await request).toBe('aborted');
    await fake.waitForCall((c) => c.seq === held.call.seq && c.settled);
    held.release();
    expect(fake.ticket(4101)!.tags).toEqual(['finance']);
    expect(fake.calls[0]).toMatchObject({ applied: false, status: null });
  });

  it('keeps credentials out of its call log', async () => {
    const { fake, client } = await setup();
    await client.getTicket(4101);
    expect(JSON.stringify(fake.calls)).not.toContain('fake-token');
    expect(fake.calls[0]!.authorized).toBe(true);
  });

  it('answers /api/v2/users/me with the agent InScope acts as, so the connector can learn its own user id', async () => {
    const { client } = await setup({ agentId: 900_042 });
    expect(await client.getCurrentUser()).toMatchObject({ id: 900_042, role: 'agent' });
  });
});

describe('the fake Zendesk with a per-minute rate limit', () => {
  const get = (url: string) => fetch(`${url}/api/v2/tickets/4101.json`, { headers: { authorization: 'Basic Ym90OmZha2U=' } });

  it("refuses the call over the limit with 429, Zendesk's Errors body and Retry-After until the minute ends, and opens again the next minute", async () => {
    let clock = Date.parse('2026-10-05T09:00:00Z');
    const { fake } = await setup({ rateLimitPerMinute: 2, now: () => clock });
    const first = await get(fake.url);
    expect(first.status).toBe(200);
    expect([first.headers.get('x-rate-limit'), first.headers.get('x-rate-limit-remaining'), first.headers.get('ratelimit-reset')]).toEqual(['2', '1', '60']);
    clock += 1_000;
    expect((await get(fake.url)).headers.get('x-rate-limit-remaining')).toBe('0');
    clock += 19_000;
    const refused = await get(fake.url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('40');
    expect(await refused.json()).toEqual({ errors: [{ code: 'TooManyRequests', title: 'Too many requests' }] });
    clock += 40_000;
    expect((await get(fake.url)).status).toBe(200);
    expect(fake.calls.map((c) => [c.status, c.fault])).toEqual([[200, null], [200, null], [429, 'rateLimit'], [200, null]]);
  });

  it('makes the real client wait as long as Retry-After says when another caller used up the minute, and then succeed', async () => {
    let clock = Date.parse('2026-10-05T09:00:00Z');
    const { fake, client, sleeps } = await setup({ rateLimitPerMinute: 1, now: () => clock }, (ms) => {
      clock += ms;
    });
    expect((await get(fake.url)).status).toBe(200);
    clock += 15_000;
    expect(await client.getOrganization(9001)).toMatchObject({ id: 9001 });
    // The retry waits what Retry-After says; the pacer (on the real clock, which these waits do not
    // move) then holds the same pause once more.
    expect(sleeps[0]).toBe(45_000);
    expect(fake.calls.map((c) => [c.path, c.status])).toEqual([
      ['/api/v2/tickets/4101.json', 200],
      ['/api/v2/organizations/9001.json', 429],
      ['/api/v2/organizations/9001.json', 200],
    ]);
  });
});
