import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInputProblem, readTickets, type InputProblem, type ReadTicketsContext, type TicketRecord } from '../../connectors/input/read-tickets.js';

const fixtures = new URL('../fixtures/input/', import.meta.url).pathname;
const examples = new URL('../../examples/tickets/', import.meta.url).pathname;

const ctx: ReadTicketsContext = {
  helpdesks: {
    zendesk: {
      categoryField: 360001000001,
      categories: { call: 'call', advisory: 'advisory' },
      statuses: { new: 19000000101, approved: 19000000102 },
      fields: { product: 360001000002, version: 360001000003, module: 360001000004, errorText: 360001000005, steps: 360001000006 },
    },
    jira: {
      categoryField: 'customfield_10050',
      categories: { call: 'Call', advisory: 'Advisory' },
      statuses: { new: 'New', approved: 'Approved' },
      fields: { product: 'customfield_10010', version: 'customfield_10011', organizations: 'customfield_10002' },
    },
  },
};

async function collect(path: string, context: ReadTicketsContext = ctx): Promise<(TicketRecord | InputProblem)[]> {
  const results: (TicketRecord | InputProblem)[] = [];
  for await (const result of readTickets(path, context)) results.push(result);
  return results;
}

const summary = (result: TicketRecord | InputProblem): string =>
  isInputProblem(result)
    ? `problem ${result.file.slice(result.file.lastIndexOf('/mixed/') + 7)}${result.record === undefined ? '' : `#${result.record}`}`
    : `${result.source.format} ${result.item.id} ${result.source.file.slice(result.source.file.lastIndexOf('/mixed/') + 7)}#${result.source.record}`;

function tempFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'inscope-input-')), name);
  writeFileSync(file, content);
  return file;
}

describe('readTickets', () => {
  it('reads a single-ticket file with its sideloads and comments', async () => {
    const [result] = await collect(join(fixtures, 'zendesk-ticket-with-sideloads.json'));
    expect(result).toMatchObject({
      source: { record: 1, format: 'zendesk' },
      item: { id: '48220', requesterEmail: 'b.visser@polderwater.nl', organizationName: 'Polderwater Waterschap', attachments: [{}, {}] },
    });
  });

  it('reads a list page, using its sideloaded users and organizations, and numbers tickets by position', async () => {
    const results = (await collect(join(examples, 'zendesk-list-page.json'))) as TicketRecord[];
    expect(results.map((r) => [r.item.id, r.source.record, r.item.requesterEmail, r.item.organizationName])).toEqual([
      ['48226', 1, 'dana.whitfield@atlasretail.com', 'Atlas Retail Group'],
      ['48227', 2, 'b.visser@polderwater.nl', 'Polderwater Waterschap'],
      ['48228', 3, 'f.smit@zuidwijk.nl', 'Gemeente Zuidwijk'],
    ]);
    expect(results.map((r) => r.observed)).toEqual([
      { category: 'call', status: 'new' },
      { category: 'advisory', status: 'new' },
      { category: 'advisory', status: 'new' },
    ]);
  });

  it('reads an incremental export page', async () => {
    const results = (await collect(join(examples, 'zendesk-incremental-export.json'))) as TicketRecord[];
    expect(results.map((r) => `${r.source.format} ${r.item.id}`)).toEqual(['zendesk 48229', 'zendesk 48230', 'zendesk 48231']);
    expect(results[1]?.item.requesterEmail).toBe('mia.rossi@brightline.io');
  });

  it('reads JSON Lines of Zendesk tickets, bare or wrapped with sideloads, numbered by line', async () => {
    const results = (await collect(join(examples, 'zendesk-mailbox.jsonl'))) as TicketRecord[];
    expect(results.map((r) => [r.item.id, r.source.record, r.item.organizationName])).toEqual([
      ['48232', 1, undefined],
      ['48233', 2, undefined],
      ['48234', 3, 'Gemeente Zuidwijk'],
    ]);
  });

  it('reads neutral records with their fields, attachments and observed category', async () => {
    const results = (await collect(join(examples, 'neutral-mailbox.jsonl'))) as TicketRecord[];
    expect(results[1]).toEqual({
      source: { file: join(examples, 'neutral-mailbox.jsonl'), record: 2, format: 'neutral' },
      item: expect.objectContaining({
        id: 'MAIL-2026-1102',
        organizationId: '9004',
        fields: { product: 'planner', version: '4.1', module: 'rostering' },
        attachments: [{ filename: 'planner-2026-11-18.log', contentType: 'text/plain', size: 73214 }],
      }),
      observed: { category: 'call', status: 'approved' },
    });
    expect(results[2]?.item.organizationId).toBe('9010');
  });

  it('reads a Jira search page with the organization from the JSM field and the observed category', async () => {
    const results = (await collect(join(fixtures, 'jira-search-page.json'))) as TicketRecord[];
    expect(results.map((r) => [r.source.format, r.item.id, r.source.record, r.item.organizationName, r.observed])).toEqual([
      ['jira', 'SUP-231', 1, 'Northwind Traders Ltd', { category: 'call', status: 'approved' }],
      ['jira', 'SUP-232', 2, undefined, { status: 'Waiting for support' }],
    ]);
  });

  it('reads a top-level JSON array and a file that starts with a byte order mark', async () => {
    const file = tempFile('export.json', '\uFEFF' + JSON.stringify([
      { id: 'A-1', createdAt: '2026-11-01T09:00:00Z', subject: 'a' },
      { key: 'SUP-9', fields: { summary: 'b', created: '2026-11-01T09:00:00.000+0000' } },
    ]));
    expect((await collect(file)).map((r) => (isInputProblem(r) ? r.message : `${r.source.format} ${r.item.id} #${r.source.record}`))).toEqual([
      'neutral A-1 #1',
      'jira SUP-9 #2',
    ]);
  });

  it('maps Zendesk tickets without a config mapping, with no fields and no observed category', async () => {
    const [result] = (await collect(join(examples, 'zendesk-48201-verkoopfactuur-foutmelding.json'), {})) as TicketRecord[];
    expect(result?.item.fields).toEqual({});
    expect(result).not.toHaveProperty('observed');
  });

  it('walks a directory recursively in name order, skipping hidden and non-ticket files, and reports bad input without stopping', async () => {
    const results = await collect(join(fixtures, 'mixed'));
    expect(results.map(summary)).toEqual([
      'zendesk 1 a-single.json#1',
      'problem b-not-json.json',
      'zendesk 4 c-page.json#1',
      'problem c-page.json#2',
      'zendesk 5 c-page.json#3',
      'problem d-unknown.json#1',
      'zendesk 6 nested/e-lines.jsonl#1',
      'problem nested/e-lines.jsonl#3',
      'neutral N-8 nested/e-lines.jsonl#4',
      'problem nested/e-lines.jsonl#5',
      'zendesk 9 nested/e-lines.jsonl#6',
    ]);
    const messages = results.filter(isInputProblem).map((p) => p.message);
    expect(messages[0]).toMatch(/^not JSON: /);
    expect(messages[1]).toBe('Zendesk ticket without an id');
    expect(messages[2]).toMatch(/^unknown format/);
    expect(messages[3]).toMatch(/^line is not JSON: /);
    expect(messages[4]).toBe('ticket without an id');
  });

  it.each([
    ['a ticket without a creation date', { ticket: { id: 12, subject: 'x', custom_fields: [] } }, 'ticket 12 has no valid creation date'],
    ['a neutral record with an unreadable date', { id: 'N-1', createdAt: 'gisteren' }, 'ticket N-1 has no valid creation date'],
    ['a Jira issue without a key or id', { issues: [{ fields: { summary: 'x' } }] }, 'Jira issue without a key or id'],
    ['a number instead of a ticket', [42], 'unknown format: expected a ticket object'],
  ])('reports %s as a problem with its record number', async (_label, content, message) => {
    const file = tempFile('bad.json', JSON.stringify(content));
    expect(await collect(file)).toEqual([{ kind: 'problem', file, record: 1, message }]);
  });

  it('reports a path that does not exist', async () => {
    const missing = join(tmpdir(), 'inscope-no-such-dir', 'tickets.json');
    expect(await collect(missing)).toEqual([{ kind: 'problem', file: missing, message: expect.stringMatching(/^cannot read: .*ENOENT/) }]);
  });

  it('streams a JSON Lines file larger than one read chunk without splitting lines or multibyte characters', async () => {
    const line = (n: number) => JSON.stringify({ id: `N-${n}`, createdAt: '2026-11-01T09:00:00Z', subject: 'financiële administratie', description: 'ë'.repeat(300 + (n % 7)) });
    const count = 8000;
    const file = tempFile('big.jsonl', Array.from({ length: count }, (_, n) => line(n + 1)).join('\r\n') + '\r\n');
    let seen = 0;
    for await (const result of readTickets(file, ctx)) {
      if (isInputProblem(result)) throw new Error(result.message);
      seen += 1;
      expect(result.source.record).toBe(seen);
      expect(result.item.id).toBe(`N-${seen}`);
      expect(result.item.description).toBe('ë'.repeat(300 + (seen % 7)));
    }
    expect(seen).toBe(count);
  });
});
