// jira.js 6 declares Node >= 22; these tests make real jira.js client calls (createCloudClient and
// createServiceDeskClient over global fetch) against nock on this machine's Node, which is 20.
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJiraClient, type JiraClientOptions } from '../../connectors/jira/client/create-jira-client.js';
import { isAuthError, isNotFoundError, isRateLimitError, isServerError } from '../../connectors/shared/helpdesk-error.js';
import type { HelpdeskError } from '../../connectors/shared/helpdesk-error.js';
import type { CallRecord } from '../../connectors/shared/call-record.js';

const SITE = 'https://veldhuis.atlassian.net';
const issue = JSON.parse(readFileSync(new URL('./fixtures/issue-sup-301.json', import.meta.url), 'utf8')) as { fields: Record<string, unknown> };

function client(extra: Partial<JiraClientOptions> = {}) {
  const sleeps: number[] = [];
  const calls: CallRecord[] = [];
  const jira = createJiraClient({
    siteUrl: SITE,
    auth: { email: 'inscope@veldhuis-software.nl', apiToken: 'jira-api-token-for-tests' },
    pacer: { acquire: async () => {}, observe: () => {} },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onCall: (call) => calls.push(call),
    onSchemaMismatch: 'silent',
    ...extra,
  });
  return { jira, sleeps, calls };
}

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('createJiraClient (jira.js 6 on this Node)', () => {
  it(`runs jira.js on Node ${process.versions.node}, below the Node 22 that jira.js declares`, async () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
    const pkg = JSON.parse(readFileSync(new URL('../../node_modules/jira.js/package.json', import.meta.url), 'utf8')) as { version: string; engines: { node: string } };
    expect(pkg.version).toMatch(/^6\./);
    nock(SITE).get('/rest/api/3/myself').matchHeader('authorization', `Basic ${Buffer.from('inscope@veldhuis-software.nl:jira-api-token-for-tests').toString('base64')}`).reply(200, { accountId: '712020:inscope-bot', displayName: 'InScope', active: true });
    await expect(client().jira.getMyself()).resolves.toEqual({ accountId: '712020:inscope-bot' });
  });

  it('reads an issue with the fields it names', async () => {
    nock(SITE)
      .get('/rest/api/3/issue/SUP-301')
      .query((q) => q.fields === 'summary,labels' || String(q.fields) === 'summary,labels')
      .reply(200, issue);
    const read = await client().jira.getIssue('SUP-301', ['summary', 'labels']);
    expect(read.key).toBe('SUP-301');
    expect(read.fields?.['customfield_10011']).toBe('10.2');
  });

  it('sends an edit, a transition and a JSM request comment in their documented shapes', async () => {
    const bodies: unknown[] = [];
    nock(SITE)
      .put('/rest/api/3/issue/SUP-301', (b) => bodies.push(b) > 0)
      .reply(204)
      .post('/rest/api/3/issue/SUP-301/transitions', (b) => bodies.push(b) > 0)
      .reply(204)
      .post('/rest/servicedeskapi/request/SUP-301/comment', (b) => bodies.push(b) > 0)
      .reply(201, { id: '30001', body: 'Intern', public: false });
    const { jira } = client();
    await jira.editIssue('SUP-301', { fields: { customfield_10050: { value: 'Call' } }, update: { labels: [{ add: 'inscope_covered' }, { remove: 'inscope_review' }] } });
    await jira.doTransition('SUP-301', '31');
    await expect(jira.addRequestComment('SUP-301', 'Intern', false)).resolves.toEqual({ id: '30001' });
    expect(bodies).toEqual([
      { fields: { customfield_10050: { value: 'Call' } }, update: { labels: [{ add: 'inscope_covered' }, { remove: 'inscope_review' }] } },
      { transition: { id: '31' } },
      { body: 'Intern', public: false },
    ]);
  });

  it("lists transitions with their target status and their screen's fields (expand=transitions.fields)", async () => {
    nock(SITE).get('/rest/api/3/issue/SUP-301/transitions').query({ expand: 'transitions.fields' }).reply(200, {
      expand: 'transitions',
      transitions: [
        { id: '21', name: 'Accept', to: { id: '10020', name: 'Approved', statusCategory: { key: 'indeterminate' } }, hasScreen: false, isGlobal: false, isInitial: false, isAvailable: true, isConditional: false, fields: {} },
        {
          id: '11', name: 'Back to new', to: { id: '10019', name: 'New' }, hasScreen: true, isGlobal: false, isInitial: false, isAvailable: true, isConditional: false,
          fields: {
            customfield_10050: { required: false, schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: 10050 }, name: 'Category', key: 'customfield_10050', hasDefaultValue: false, operations: ['set'], allowedValues: [{ id: '10100', value: 'Call' }, { id: '10101', value: 'Advisory' }] },
            labels: { required: false, schema: { type: 'array', items: 'string', system: 'labels' }, name: 'Labels', key: 'labels', hasDefaultValue: false, operations: ['add', 'set', 'remove'] },
          },
        },
      ],
    });
    expect(await client().jira.getTransitions('SUP-301')).toEqual([
      { id: '21', name: 'Accept', to: { id: '10020', name: 'Approved', category: 'indeterminate' }, hasScreen: false, fields: {} },
      { id: '11', name: 'Back to new', to: { id: '10019', name: 'New' }, hasScreen: true, fields: { customfield_10050: ['set'], labels: ['add', 'set', 'remove'] } },
    ]);
  });

  it('sends a transition with the fields, label verbs and comment its screen takes, in one body', async () => {
    const bodies: unknown[] = [];
    nock(SITE).post('/rest/api/3/issue/SUP-301/transitions', (b) => bodies.push(b) > 0).reply(204);
    const comment = { add: { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Intern' }] }] }, properties: [{ key: 'sd.public.comment', value: { internal: true } }] } };
    await client().jira.doTransition('SUP-301', '21', undefined, { fields: { customfield_10050: { value: 'Call' } }, update: { labels: [{ add: 'inscope_covered' }], comment: [comment] } });
    expect(bodies).toEqual([{ transition: { id: '21' }, fields: { customfield_10050: { value: 'Call' } }, update: { labels: [{ add: 'inscope_covered' }], comment: [comment] } }]);
  });

  it('follows nextPageToken through the enhanced JQL search until a page has none', async () => {
    nock(SITE)
      .get('/rest/api/3/search/jql')
      .query((q) => q.jql === 'project = SUP' && q.nextPageToken === undefined && q.maxResults === '2')
      .reply(200, { issues: [{ id: '1', key: 'SUP-1', fields: {} }, { id: '2', key: 'SUP-2', fields: {} }], nextPageToken: 'page-2', isLast: false })
      .get('/rest/api/3/search/jql')
      .query((q) => q.nextPageToken === 'page-2')
      .reply(200, { issues: [{ id: '3', key: 'SUP-3', fields: {} }], isLast: true });
    const keys: string[][] = [];
    for await (const page of client().jira.searchJql('project = SUP', ['summary'], 2)) keys.push(page.issues.map((i) => i.key ?? ''));
    expect(keys).toEqual([['SUP-1', 'SUP-2'], ['SUP-3']]);
  });

  it('waits what Retry-After says on a 429 and then succeeds, recording each attempt', async () => {
    nock(SITE).get('/rest/api/3/myself').reply(429, { errorMessages: ['Rate limit exceeded.'] }, { 'Retry-After': '2' }).get('/rest/api/3/myself').reply(200, { accountId: 'a' });
    const { jira, sleeps, calls } = client();
    await jira.getMyself();
    expect(sleeps).toEqual([2000]);
    expect(calls.map((c) => [c.status, c.attempt, c.errorKind])).toEqual([[429, 1, 'rateLimit'], [200, 2, undefined]]);
  });

  it("backs off as Atlassian recommends: 5 s doubling to a 30 s cap, at most 4 retries, then a typed rateLimit error", async () => {
    nock(SITE).get('/rest/api/3/myself').times(5).reply(429, { errorMessages: ['Rate limit exceeded.'] });
    const { jira, sleeps } = client();
    const error = await jira.getMyself().catch((e: unknown) => e);
    expect(isRateLimitError(error)).toBe(true);
    expect((error as HelpdeskError).attempts).toBe(5);
    expect(sleeps).toEqual([5000, 10000, 20000, 30000]);
  });

  it.each([
    [0, 3500],
    [0.999999, 6500],
  ])('jitters the backoff between 0.7 and 1.3 (random %s → %s ms)', async (random, first) => {
    nock(SITE).get('/rest/api/3/myself').reply(503).get('/rest/api/3/myself').reply(200, { accountId: 'a' });
    const { jira, sleeps } = client({ random: () => random });
    await jira.getMyself();
    expect(sleeps[0]).toBeCloseTo(first, 0);
  });

  it('repeats a comment on 429, which Jira refuses before doing any work', async () => {
    nock(SITE)
      .post('/rest/servicedeskapi/request/SUP-301/comment')
      .reply(429, {}, { 'Retry-After': '1' })
      .post('/rest/servicedeskapi/request/SUP-301/comment')
      .reply(201, { id: '5' });
    const { jira, sleeps } = client();
    await expect(jira.addRequestComment('SUP-301', 'x', true)).resolves.toEqual({ id: '5' });
    expect(sleeps).toEqual([1000]);
  });

  it('never repeats a comment whose answer was a 503: it may have been posted', async () => {
    nock(SITE).post('/rest/servicedeskapi/request/SUP-301/comment').reply(503);
    const { jira, sleeps } = client();
    const error = await jira.addRequestComment('SUP-301', 'x', true).catch((e: unknown) => e);
    expect(isServerError(error)).toBe(true);
    expect(sleeps).toEqual([]);
  });

  it.each([
    [404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }, isNotFoundError, 'Issue does not exist'],
    [401, { errorMessages: ['Client must be authenticated to access this resource.'] }, isAuthError, 'authenticated'],
  ])('turns a %s into a typed error that carries Jira\'s message and no credentials', async (status, body, predicate, words) => {
    nock(SITE).get('/rest/api/3/issue/SUP-999').query(true).reply(status, body);
    const error = await client().jira.getIssue('SUP-999', ['summary']).catch((e: unknown) => e);
    expect(predicate(error)).toBe(true);
    expect((error as Error).message).toContain(words);
    expect((error as Error).message).toContain('GET /rest/api/3/issue/SUP-999');
    expect((error as Error).message).not.toContain('jira-api-token-for-tests');
  });

  it('refuses an issue key that would change the request path', async () => {
    await expect(client().jira.getIssue('../../rest/api/3/myself', [])).rejects.toMatchObject({ kind: 'validation' });
  });
});
