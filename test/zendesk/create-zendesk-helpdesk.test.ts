// The live Zendesk adapter against the loopback Zendesk double: what one load reads, what it costs,
// and that the version it returns keeps the safe update honest.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../connectors/config/load-config.js';
import { isConflictError } from '../../connectors/shared/helpdesk-error.js';
import { createZendeskClient, type ZendeskClient } from '../../connectors/zendesk/client/index.js';
import { createZendeskHelpdesk } from '../../connectors/zendesk/create-zendesk-helpdesk.js';
import { startFakeZendesk, type FakeComment, type FakeZendesk, type FakeZendeskOptions } from '../helpers/fake-zendesk.js';

const root = path.resolve(import.meta.dirname, '../..');
const mapping = (await loadConfig(path.join(root, 'examples/coverage.yaml'))).config.helpdesks!.zendesk!;

const TICKET = {
  id: 4101,
  created_at: '2026-10-05T08:12:40Z',
  updated_at: '2026-10-05T08:14:02Z',
  subject: 'Veldhuis Planner crasht',
  description: 'Planner 4.1 crasht bij het openen. In de bijlage de schermafdruk.',
  custom_status_id: 19000000101,
  requester_id: 7001,
  submitter_id: 7001,
  assignee_id: null,
  organization_id: 9001,
  tags: ['planning'],
  custom_fields: [
    { id: 360001000001, value: null },
    { id: 360001000002, value: 'planning' },
  ],
};
const REQUESTER = { id: 7001, name: 'Marieke Jansen', email: 'm.jansen@bakkerijjansen.nl', locale: 'nl', organization_id: 9001 };
const AGENT = { id: 7900, name: 'Sanne Agent', email: 'sanne@veldhuis-software.nl', locale: 'en-US', organization_id: null };
const ORG = { id: 9001, name: 'Bakkerij Jansen B.V.', domain_names: ['bakkerijjansen.nl'] };
const SCREENSHOT = { id: 51, file_name: 'crash.png', content_type: 'image/png', size: 48211, inline: false };
const LOGO = { id: 52, file_name: 'image001.png', content_type: 'image/png', size: 3120, inline: true };

const comment = (id: number, extra: Partial<FakeComment> = {}): FakeComment => ({ id, type: 'Comment', author_id: 7001, body: `comment ${id}`, public: true, attachments: [], ...extra });

let fake: FakeZendesk | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(overrides: Partial<FakeZendeskOptions> = {}): Promise<{ fake: FakeZendesk; client: ZendeskClient; port: ReturnType<typeof createZendeskHelpdesk> }> {
  fake = await startFakeZendesk({ tickets: [TICKET], users: [REQUESTER, AGENT], organizations: [ORG], now: () => Date.parse('2026-10-05T09:00:00Z'), ...overrides });
  const client = createZendeskClient({ subdomain: 'veldhuis', auth: { email: 'bot@veldhuis-software.nl', apiToken: 'fake-token' }, baseUrl: fake.url, rateLimitPerMinute: 100_000, sleep: async () => {} });
  return { fake, client, port: createZendeskHelpdesk(client, mapping) };
}

const routes = (f: FakeZendesk) => f.calls.map((c) => `${c.method} ${c.path}`);

describe('the Zendesk adapter', () => {
  it("reads the ticket, its requester, organization and its comments' attachments in one request", async () => {
    const { fake, port } = await setup({ comments: { 4101: [comment(81001, { body: TICKET.description, attachments: [SCREENSHOT, LOGO] })] } });
    const state = await port.load('4101', []);
    expect(routes(fake)).toEqual(['GET /api/v2/tickets/4101/audits.json']);
    expect(fake.calls[0]!.query).toEqual({ include: 'tickets,users,organizations', 'page[size]': '100' });
    expect(state.item.attachmentsUnread).toBeUndefined();
    expect(state.loadAttachments).toBeUndefined();
    expect(state.item.attachments).toEqual([{ filename: 'crash.png', contentType: 'image/png', size: 48211 }]);
    expect(state.item).toMatchObject({ requesterEmail: REQUESTER.email, requesterLocale: 'nl', organizationId: '9001', organizationName: ORG.name, fields: { product: 'planning' } });
    expect(state).toMatchObject({ category: null, status: 'new', tags: ['planning'], version: TICKET.updated_at });
  });

  it('keeps the version of its read: a change by someone else after it makes the safe update conflict, a fresh load writes', async () => {
    const { fake, client, port } = await setup();
    const state = await port.load('4101', []);
    await client.updateTicket(4101, { comment: { body: 'Hier nog een logbestand.', public: true } });
    const error = await port.apply('4101', { category: 'call', tags: ['planning', 'inscope_covered'] }, state.version).catch((e: unknown) => e);
    expect(isConflictError(error)).toBe(true);
    const fresh = await port.load('4101', []);
    expect(fresh.version).toBe(fake.ticket(4101)!['updated_at']);
    await port.apply('4101', { category: 'call', tags: ['planning', 'inscope_covered'] }, fresh.version);
    expect(fake.ticket(4101)!['tags']).toEqual(['planning', 'inscope_covered']);
  });

  it('reads the requester by id when none of the audits is theirs (an agent opened the ticket for them)', async () => {
    const { fake, port } = await setup({ comments: { 4101: [comment(81001, { author_id: AGENT.id })] } });
    const { item } = await port.load('4101', []);
    expect(routes(fake)).toEqual(['GET /api/v2/tickets/4101/audits.json', 'GET /api/v2/users/7001.json']);
    expect(item).toMatchObject({ requesterEmail: REQUESTER.email, requesterLocale: 'nl', organizationName: ORG.name });
  });

  it('reads the audits past the first hundred only when the verdict needs the attachments', async () => {
    const many = Array.from({ length: 130 }, (_, i) => comment(i + 1, i === 119 ? { attachments: [SCREENSHOT] } : {}));
    const { fake, port } = await setup({ comments: { 4101: many } });
    const state = await port.load('4101', []);
    expect(routes(fake)).toEqual(['GET /api/v2/tickets/4101/audits.json']);
    expect(state.item).toMatchObject({ attachmentsUnread: true, attachments: [] });
    const item = await state.loadAttachments!();
    expect(item.attachments.map((a) => a.filename)).toEqual(['crash.png']);
    expect(fake.calls.map((c) => c.query['page[after]'] !== undefined)).toEqual([false, true]);
  });

  it('a comment that lands between the first audit page and the rest is read, and the safe update on the first page conflicts', async () => {
    const { client, port } = await setup({ comments: { 4101: Array.from({ length: 130 }, (_, i) => comment(i + 1)) } });
    const state = await port.load('4101', []);
    const upload = await client.uploadFile('log.txt', new TextEncoder().encode('ERR-1'), 'text/plain');
    await client.updateTicket(4101, { comment: { body: 'Het logbestand.', public: true, uploads: [upload.token] } });
    expect((await state.loadAttachments!()).attachments.map((a) => a.filename)).toEqual(['log.txt']);
    const error = await port.apply('4101', { category: 'call' }, state.version).catch((e: unknown) => e);
    expect(isConflictError(error)).toBe(true);
  });

  it('reads the ticket itself when the audits come without it, and from then on only the ticket', async () => {
    const { fake, port } = await setup({ comments: { 4101: [comment(81001, { attachments: [SCREENSHOT] })] } });
    // An account that answers the audits without the tickets sideload.
    fake.inject({ kind: 'status', status: 200, body: { audits: [], meta: { has_more: false, after_cursor: null } } }, { path: '/api/v2/tickets/4101/audits.json' });
    const state = await port.load('4101', []);
    expect(state.item.attachmentsUnread).toBe(true);
    expect((await state.loadAttachments!()).attachments.map((a) => a.filename)).toEqual(['crash.png']);
    await port.load('4101', []);
    expect(routes(fake)).toEqual(['GET /api/v2/tickets/4101/audits.json', 'GET /api/v2/tickets/4101.json', 'GET /api/v2/tickets/4101/comments.json', 'GET /api/v2/tickets/4101.json']);
    expect(state.version).toBe(TICKET.updated_at);
  });
});
