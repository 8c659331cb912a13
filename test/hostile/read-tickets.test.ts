// Property tests for readTickets over hostile files: arbitrary bytes, invalid UTF-8, arbitrary JSON
// and example tickets with one value replaced, as .json, .jsonl and .ndjson. Reading never throws,
// every problem names its file (and its record once the file parsed), and every ticket it does
// yield has the WorkItem types of rules/model.ts.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isInputProblem, readTickets, type InputProblem, type ReadTicketsContext, type TicketRecord } from '../../connectors/input/read-tickets.js';
import type { WorkItem } from '../../rules/model.js';
import { anyJson, mutated } from './json-mutations.js';
import { runs } from './property-runs.js';

const examples = new URL('../../examples/tickets/', import.meta.url).pathname;
const zendeskFile = readdirSync(examples).find((f) => f.startsWith('zendesk-'))!;
const TICKETS: unknown[] = [
  JSON.parse(readFileSync(join(examples, zendeskFile), 'utf8')),
  JSON.parse(readFileSync(new URL('../jira/fixtures/issue-sup-301.json', import.meta.url), 'utf8')),
  JSON.parse(readFileSync(join(examples, 'neutral-mailbox.jsonl'), 'utf8').split('\n')[0]!),
];

const ctx: ReadTicketsContext = {
  helpdesks: {
    zendesk: { categoryField: 360001000001, categories: { call: 'call', advisory: 'advisory' }, statuses: { new: 19000000101 }, fields: { product: 360001000002, version: 360001000003 } },
    jira: { categoryField: 'customfield_10050', categories: { call: 'Call' }, statuses: { new: 'New' }, fields: { product: 'customfield_10010', version: 'customfield_10011' } },
  },
};

const dir = mkdtempSync(join(tmpdir(), 'inscope-hostile-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

const isFieldValue = (v: unknown) =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v) || (Array.isArray(v) && v.every((s) => typeof s === 'string'));

/** Where an item departs from WorkItem's declared types; empty when it conforms. */
function workItemProblems(item: WorkItem): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => (ok ? undefined : problems.push(what));
  for (const key of ['id', 'subject', 'description', 'createdAt'] as const) check(typeof item[key] === 'string', key);
  check(item.id !== '', 'id empty');
  check(!Number.isNaN(Date.parse(item.createdAt)), 'createdAt');
  for (const key of ['requesterEmail', 'requesterLocale', 'organizationId', 'organizationName', 'form', 'priority', 'channel'] as const) {
    check(item[key] === undefined || typeof item[key] === 'string', key);
  }
  check(Array.isArray(item.tags) && item.tags.every((t) => typeof t === 'string'), 'tags');
  check(typeof item.fields === 'object' && item.fields !== null && !Array.isArray(item.fields) && Object.values(item.fields).every(isFieldValue), 'fields');
  check(
    Array.isArray(item.attachments) &&
      item.attachments.every((a) => typeof a === 'object' && a !== null && typeof a.filename === 'string' && (a.contentType === undefined || typeof a.contentType === 'string') && (a.size === undefined || typeof a.size === 'number')),
    'attachments',
  );
  return problems;
}

const content = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
  anyJson.map((v) => Buffer.from(JSON.stringify(v) ?? '')),
  mutated(TICKETS).map((v) => Buffer.from(JSON.stringify(v) ?? '')),
  fc.array(mutated(TICKETS), { minLength: 1, maxLength: 3 }).map((list) => Buffer.from(JSON.stringify({ tickets: list }))),
  fc.array(fc.oneof(mutated(TICKETS).map((v) => JSON.stringify(v) ?? ''), fc.string({ unit: 'binary', maxLength: 40 })), { maxLength: 4 }).map((lines) => Buffer.from(lines.join('\n'))),
  // Invalid UTF-8 spliced into an otherwise good ticket.
  fc.tuple(mutated(TICKETS), fc.nat(), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80])).map(([v, at, bad]) => {
    const good = Buffer.from(JSON.stringify(v) ?? '');
    const i = at % (good.length + 1);
    return Buffer.concat([good.subarray(0, i), Buffer.from(bad), good.subarray(i)]);
  }),
);

async function readAll(path: string): Promise<(TicketRecord | InputProblem)[]> {
  const results: (TicketRecord | InputProblem)[] = [];
  for await (const result of readTickets(path, ctx)) results.push(result);
  return results;
}

function expectWellFormed(results: readonly (TicketRecord | InputProblem)[], file: string): void {
  for (const result of results) {
    if (isInputProblem(result)) {
      expect(result.file).toBe(file);
      expect(typeof result.message === 'string' && result.message !== '').toBe(true);
      // A file that parsed has its problems numbered; only an unreadable or non-JSON file has none.
      if (result.record === undefined) expect(result.message).toMatch(/^(not JSON|cannot read)/);
      else expect(Number.isInteger(result.record) && result.record >= 1).toBe(true);
    } else {
      expect(result.source.file).toBe(file);
      expect(workItemProblems(result.item)).toEqual([]);
    }
  }
}

describe('readTickets over hostile files', () => {
  it('never throws; names file and record for every problem; yields only well-typed work items', async () => {
    await fc.assert(
      fc.asyncProperty(content, fc.constantFrom('.json', '.jsonl', '.ndjson'), async (bytes, extension) => {
        const file = join(dir, `t${(counter += 1)}${extension}`);
        writeFileSync(file, bytes);
        expectWellFormed(await readAll(file), file);
      }),
      runs(400),
    );
  });

  it('reads a directory of hostile files, skipping what is not a ticket file, without throwing', async () => {
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'nested', '.hidden'), { recursive: true });
    writeFileSync(join(tree, 'deep.json'), `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    writeFileSync(join(tree, 'nested', 'deep.jsonl'), `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}\n[${'['.repeat(50_000)}`);
    writeFileSync(join(tree, 'nested', 'empty.json'), '');
    writeFileSync(join(tree, 'nested', '.hidden', 'x.json'), '{');
    writeFileSync(join(tree, 'binary.bin'), Buffer.from([0xff, 0x00]));
    mkdirSync(join(tree, 'looks-like.json'));
    const results = await readAll(tree);
    expect(results.every(isInputProblem)).toBe(true);
    expect(results.map((r) => (r as InputProblem).file.slice(tree.length + 1)).sort()).toEqual(['deep.json', 'nested/deep.jsonl', 'nested/deep.jsonl', 'nested/empty.json']);
  });

  it.each([
    ['a neutral record whose id is a list', { id: [], subject: 'x', createdAt: '2026-11-23T08:05:00Z' }, /id is empty/],
    ['a Zendesk ticket whose subject is a number', { ticket: { id: 7, subject: 42, created_at: '2026-11-23T08:05:00Z' } }, /^ticket 7 cannot be read: subject is a number/],
    ['a Zendesk ticket whose creation date is a number', { ticket: { id: 7, created_at: 1_764_000_000_000 } }, /createdAt is a number/],
    ['a Jira issue whose id is a number and has no key', { id: 10301, fields: { summary: 'x', created: '2026-10-05T09:42:10.000+0200' } }, /id is a number/],
    ['a neutral record with a nested field value', { id: 'M-1', createdAt: '2026-11-23T08:05:00Z', fields: { product: { name: 'x' } } }, /fields\.product is a mapping/],
    ['a neutral record with a numeric observed category', { id: 'M-1', createdAt: '2026-11-23T08:05:00Z', observed: { category: 1 } }, /observed category/],
  ])('reports %s as a problem with its record instead of yielding it', async (_name, value, message) => {
    const file = join(dir, `typed${(counter += 1)}.jsonl`);
    writeFileSync(file, `\n${JSON.stringify(value)}\n`);
    expect(await readAll(file)).toEqual([{ kind: 'problem', file, record: 2, message: expect.stringMatching(message) }]);
  });

  it('reports a path that does not exist as a problem, not an exception', async () => {
    const missing = join(dir, 'no-such-file.json');
    expect(await readAll(missing)).toEqual([{ kind: 'problem', file: missing, message: expect.stringMatching(/^cannot read/) }]);
  });
});
