// What the Jira adapter reads per triage: the issue with the mapped fields and, in the same call, the
// transitions open from its status with their screens' fields (Get issue, `expand=transitions,
// transitions.fields`) and the write ledger, so that
// the status change that follows needs no Get transitions and the first write no re-read (unless
// the load is older than freshForMs); and a project's service desk once for all its requests.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJiraClient } from '../../connectors/jira/client/create-jira-client.js';
import { createJiraHelpdesk } from '../../connectors/jira/create-jira-helpdesk.js';
import { isConflictError } from '../../connectors/shared/helpdesk-error.js';
import { config } from '../helpdesk-port/harnesses.js';
import { asJiraIssue, freshZendesk, JIRA_SITE } from '../helpdesk-port/same-request.js';

const mapping = config.helpdesks!.jira!;
const issue = asJiraIssue(freshZendesk(48222));
const TO_NEW = { id: '11', name: 'Mark as new', to: { id: '10019', name: mapping.statuses.new, statusCategory: { key: 'new' } } };
const TO_APPROVED = { id: '21', name: 'Approve', to: { id: '10020', name: mapping.statuses.approved, statusCategory: { key: 'indeterminate' } } };

const client = () => createJiraClient({ siteUrl: JIRA_SITE, auth: { email: 'inscope@veldhuis-software.nl', apiToken: 't' }, pacer: { acquire: async () => {}, observe: () => {} }, sleep: async () => {} });

function mockLoad(transitions: readonly unknown[]) {
  const queries: Record<string, string>[] = [];
  nock(JIRA_SITE)
    .get(`/rest/api/3/issue/${issue.key}`)
    .query((q) => (queries.push(q as Record<string, string>), String(q.fields).includes('summary')))
    .reply(200, { ...issue, transitions });
  return queries;
}

function mockReread() {
  nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields) === 'updated,labels').reply(200, { key: issue.key, fields: { updated: issue.fields['updated'], labels: [] } });
}

function mockTransition(): unknown[] {
  const bodies: unknown[] = [];
  nock(JIRA_SITE).post(`/rest/api/3/issue/${issue.key}/transitions`, (b) => bodies.push(b) > 0).reply(204);
  return bodies;
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe('Jira reads per triage', () => {
  it('loads the mapped fields and the open transitions in one call, and moves the status with no Get transitions', async () => {
    const queries = mockLoad([TO_NEW, TO_APPROVED]);
    const moved = mockTransition();
    const port = createJiraHelpdesk(client(), mapping);
    const state = await port.load(issue.key, []);
    await port.apply(issue.key, { status: 'approved' }, state.version);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({ expand: 'transitions,transitions.fields', properties: 'inscope.writes' });
    expect(String(queries[0]!['fields']).split(',')).toEqual(expect.arrayContaining(['summary', 'updated', 'status', 'labels', mapping.categoryField]));
    expect(moved).toEqual([{ transition: { id: '21' } }]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('asks Jira for the transitions when the ones the load saw no longer lead to the status', async () => {
    mockLoad([TO_NEW]);
    nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}/transitions`).query({ expand: 'transitions.fields' }).reply(200, { transitions: [TO_NEW, TO_APPROVED] });
    const moved = mockTransition();
    const port = createJiraHelpdesk(client(), mapping);
    const state = await port.load(issue.key, []);
    await port.apply(issue.key, { status: 'approved' }, state.version);
    expect(moved).toEqual([{ transition: { id: '21' } }]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('asks Jira again once the transitions the load saw are older than their time to live', async () => {
    let now = Date.parse('2026-11-27T10:00:00Z');
    mockLoad([TO_NEW, { ...TO_APPROVED, id: '99' }]);
    mockReread();
    nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}/transitions`).query({ expand: 'transitions.fields' }).reply(200, { transitions: [TO_NEW, TO_APPROVED] });
    const moved = mockTransition();
    const port = createJiraHelpdesk(client(), mapping, { transitionTtlMs: 60_000, now: () => now });
    const state = await port.load(issue.key, []);
    now += 60_000;
    await port.apply(issue.key, { status: 'approved' }, state.version);
    expect(moved).toEqual([{ transition: { id: '21' } }]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reads again before the first write once the load is freshForMs old, and a change it finds is a conflict', async () => {
    let now = Date.parse('2026-11-27T10:00:00Z');
    mockLoad([TO_NEW, TO_APPROVED]);
    nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields) === 'updated,labels' && q.properties === 'inscope.writes').reply(200, { key: issue.key, fields: { updated: '2026-11-27T10:00:01.000+0000', labels: [] } });
    const port = createJiraHelpdesk(client(), mapping, { freshForMs: 2_000, now: () => now });
    const state = await port.load(issue.key, []);
    now += 2_000;
    const error = await port.apply(issue.key, { status: 'approved', tags: ['inscope_covered'] }, state.version).catch((e: unknown) => e);
    expect(isConflictError(error)).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('re-reads with freshForMs 0, and when the apply expects another version than the load returned', async () => {
    const reads: string[] = [];
    nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields).includes('summary')).times(2).reply(200, () => (reads.push('load'), { ...issue, transitions: [TO_NEW, TO_APPROVED] }));
    nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields) === 'updated,labels').times(2).reply(200, () => (reads.push('re-read'), { key: issue.key, fields: { updated: issue.fields['updated'], labels: [] } }));
    nock(JIRA_SITE).post(`/rest/api/3/issue/${issue.key}/transitions`).times(2).reply(204);
    const always = createJiraHelpdesk(client(), mapping, { freshForMs: 0 });
    await always.apply(issue.key, { status: 'approved' }, (await always.load(issue.key, [])).version);
    const other = createJiraHelpdesk(client(), mapping);
    await other.load(issue.key, []);
    await expect(other.apply(issue.key, { status: 'approved' }, 'another version')).rejects.toMatchObject({ kind: 'conflict' });
    expect(reads).toEqual(['load', 're-read', 'load', 're-read']);
  });

  it('sets the category with the labels after the transition, and first (then remembers the workflow step) when a validator refuses the transition without it', async () => {
    const calls: string[] = [];
    const loaded = { ...issue, fields: { ...issue.fields, issuetype: { id: '10100' }, status: { id: '3' } }, transitions: [TO_NEW, TO_APPROVED] };
    nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}`).query(true).times(3).reply(200, loaded);
    nock(JIRA_SITE)
      .post(`/rest/api/3/issue/${issue.key}/transitions`).reply(400, () => (calls.push('transition 400'), { errorMessages: [], errors: { [mapping.categoryField]: 'Category is required.' } }))
      .put(`/rest/api/3/issue/${issue.key}`, (b: { fields?: unknown; update?: unknown; properties?: { value: { done: string[] } }[] }) => calls.push(`PUT${b.fields ? ' category' : ''}${b.update ? ' labels' : ''}${b.properties ? ` ledger ${b.properties[0]!.value.done.join('+')}` : ''}`.trim()) > 0).times(5).reply(204)
      .post(`/rest/api/3/issue/${issue.key}/transitions`, (b: { properties: { value: { done: string[] } }[] }) => calls.push(`transition ledger ${b.properties[0]!.value.done.join('+')}`) > 0).times(2).reply(204)
      .post(`/rest/servicedeskapi/request/${issue.key}/comment`).times(3).reply(201, () => (calls.push('comment'), { id: '1' }));
    const port = createJiraHelpdesk(client(), mapping);
    const change = { category: 'call' as const, status: 'approved' as const, tags: ['inscope_covered'], comment: { body: 'x', public: false } };
    await port.apply(issue.key, change, (await port.load(issue.key, [])).version);
    await port.apply(issue.key, change, (await port.load(issue.key, [])).version);
    expect(calls).toEqual([
      'transition 400', 'PUT category ledger category', 'transition ledger category+transition', 'comment', 'PUT labels',
      // The next issue in the same workflow step: the category first at once.
      'PUT category ledger category', 'transition ledger category+transition', 'comment', 'PUT labels',
    ]);
    // Where the workflow lets it, the category rides in the labels' edit: one write fewer.
    calls.length = 0;
    nock(JIRA_SITE).post(`/rest/api/3/issue/${issue.key}/transitions`, (b: { properties: { value: { done: string[] } }[] }) => calls.push(`transition ledger ${b.properties[0]!.value.done.join('+')}`) > 0).reply(204);
    const fresh = createJiraHelpdesk(client(), mapping);
    await fresh.apply(issue.key, change, (await fresh.load(issue.key, [])).version);
    expect(calls).toEqual(['transition ledger transition', 'comment', 'PUT category labels']);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("reads a project's service desk once for all of its requests", async () => {
    let reads = 0;
    nock(JIRA_SITE).get(/^\/rest\/servicedeskapi\/request\/SUP-\d+$/).times(2).reply(200, () => ((reads += 1), { serviceDeskId: '7' }));
    const jira = client();
    expect([await jira.getRequestServiceDeskId('SUP-1'), await jira.getRequestServiceDeskId('SUP-2')]).toEqual(['7', '7']);
    expect(reads).toBe(1);
  });
});
