// The whole JSM procedure end to end, as a customer and an agent live it: signed Jira deliveries
// through the real service (anchored clock, SQLite store, worker pool), the Forge panel API with
// signed invocation tokens, and nock as Jira Cloud + JSM at the HTTP boundary, answering with
// Atlassian's documented shapes and status codes (a 429 with Retry-After, a 403 from the service
// desk's temporary-file upload). An advisory request ends accepted by the reporter's reply exactly
// as on Zendesk; a covered one waits in Call/New until an agent approves it in the panel.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JIRA_SITE } from '../helpdesk-port/same-request.js';
import { anchoredClock } from '../helpers/anchored-clock.js';
import { fitClaims, startForgeKeyServer, TEST_ACCOUNT_ID, type ForgeKeyServer } from '../http/forge-test-keys.js';
import { addedLabels, jiraAsItNowIs, ledger, jiraDouble, jiraIssue, NOW, payload, post, service, settle, start, stop, TRANSITIONS, type Issue, type Write } from './live-jira-connector.js';

let forge: ForgeKeyServer;

async function panel(issue: Issue, path: string, init: { method?: string; body?: unknown; principal?: boolean; forIssue?: Issue } = {}) {
  const claims = fitClaims({}, { id: String((init.forIssue ?? issue).id), key: (init.forIssue ?? issue).key });
  if (init.principal === false) delete claims['principal'];
  const token = await forge.sign(claims);
  return fetch(`${service.url}/api/v1/jira/tickets/${issue.key}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  forge = await startForgeKeyServer(anchoredClock(NOW));
});
afterAll(async () => {
  await forge.close();
  nock.enableNetConnect();
});
beforeEach(() => start({}, forge));
afterEach(async () => {
  nock.cleanAll();
  await stop();
});

describe('the JSM procedure end to end against a Jira double', () => {
  it('a how-to request: Advisory, the public P-YYYY-NNNN-v1.pdf with the accept link (through a 429), the reporter replies "akkoord", accepted as on Zendesk', async () => {
    const issue = jiraIssue(48203);
    const year = new Date(Date.parse(NOW)).getUTCFullYear();
    const triage = jiraDouble(issue, { attachmentStatus: [429, 201] });
    expect((await post(payload('jira:issue_created', issue))).status).toBe(202);
    await settle();

    // The PDF goes up through the service desk's temporary-file upload and becomes a public request
    // attachment whose comment carries the accept link; JSM's 429 is waited out and the attachment made once.
    expect(triage.map((w) => w.call)).toEqual(['POST attachTemporaryFile', 'POST request attachment 429', 'POST request attachment', 'POST transitions', 'PUT issue']);
    expect(triage[0]!.body).toBe(`P-${year}-0001-v1.pdf`);
    expect(triage[3]!.body).toEqual({ transition: { id: '11' } });
    expect(triage[4]!.body).toMatchObject({ fields: { customfield_10050: { value: 'Advisory' } } });
    expect(triage[2]!.body).toEqual({ temporaryAttachmentIds: ['temp-1'], public: true, additionalComment: { body: expect.stringMatching(/\/p\/[\w.-]+ .*"akkoord"/) } });
    const token = /\/p\/([\w.-]+)/.exec((triage[2]!.body as { additionalComment: { body: string } }).additionalComment.body)![1]!;
    expect((await fetch(`${service.url}/p/${token}`)).status).toBe(200);
    const [sent] = await service.store.listProposals({ helpdesk: 'jira', ticketId: issue.key, limit: 1 });
    expect(sent).toMatchObject({ status: 'sent', version: 1, number: `P-${year}-0001` });

    // Jira now shows the request as InScope left it; the reporter answers on the portal.
    nock.cleanAll();
    const jira = jiraAsItNowIs(issue, { customfield_10050: { value: 'Advisory' }, status: { name: 'New' }, labels: [...issue.fields['labels'] as string[], ...addedLabels(triage)] });
    const reporter = (issue.fields['reporter'] as { accountId: string }).accountId;
    const reduced = { id: issue.id, key: issue.key, fields: { summary: issue.fields['summary'], status: { name: 'New' } } };
    const reply = payload('comment_created', reduced as Issue, { user: undefined, comment: { id: '50002', author: { accountId: reporter, accountType: 'customer' }, body: 'Akkoord\n\nMet vriendelijke groet,\nAnouk Jansen', jsdPublic: true } });
    expect((await post(reply)).status).toBe(202);
    await settle();

    // The change Zendesk gets for an accepted proposal ({ status: approved, internal note, marker tag },
    // test/proposals/flow/create-proposal-job-hooks.test.ts), and nothing else: the category stays Advisory.
    const [accepted] = await service.store.listProposals({ helpdesk: 'jira', ticketId: issue.key, limit: 1 });
    expect(accepted).toMatchObject({ status: 'accepted', version: 1 });
    expect(jira.writes.filter((w) => w.call === 'PUT issue' && 'fields' in (w.body as object))).toEqual([]);
    expect(jira.writes.filter((w) => w.call !== 'PUT issue')).toEqual([
      { call: 'POST transitions', body: { transition: { id: '21' }, properties: ledger('transition') } },
      { call: 'POST comment', body: { body: expect.stringMatching(/GEACCEPTEERD/), public: false } },
    ]);
    expect(addedLabels(jira.writes)).toContain(`inscope_p${year}_0001_v1_accepted`);
    expect(jira.current).toMatchObject({ customfield_10050: { value: 'Advisory' }, status: { name: 'Approved' } });
    expect(await service.store.queueDepth()).toMatchObject({ dead: 0 });

    // The agent's panel shows it: the advisory request, the accepted proposal, and the budget meter
    // with the 405.00 EUR (before VAT) committed against the contract's 4000 a month.
    const shown = await panel(issue, '/verdict');
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({ ticket: { category: 'advisory', status: 'approved' }, proposal: { state: 'accepted' }, budget: { month: NOW.slice(0, 7), cap: { amount: 4000 }, committed: 405, pending: 0, currency: 'EUR' } });
  });

  it('a covered request: Call/New, then an agent approves in the Jira panel with a token for that issue and a principal: Approved', async () => {
    const issue = jiraIssue(48212);
    const other = jiraIssue(48203);
    const triage = jiraDouble(issue);
    expect((await post(payload('jira:issue_created', issue))).status).toBe(202);
    await settle();
    expect(triage.map((w) => w.call)).toEqual(['POST transitions', 'POST comment 201', 'PUT issue']);
    expect(triage[0]!.body).toEqual({ transition: { id: '11' }, properties: ledger('transition') });
    expect(triage[2]!.body).toMatchObject({ fields: { customfield_10050: { value: 'Call' } } });

    nock.cleanAll();
    const jira = jiraAsItNowIs(issue, { customfield_10050: { value: 'Call' }, status: { name: 'New' }, labels: [...issue.fields['labels'] as string[], ...addedLabels(triage)] });
    // A token for another issue, or one no user holds, changes nothing.
    const elsewhere = await panel(issue, '/actions/approve', { method: 'POST', body: {}, forIssue: other });
    const anonymous = await panel(issue, '/actions/approve', { method: 'POST', body: {}, principal: false });
    expect([elsewhere.status, anonymous.status]).toEqual([403, 403]);
    expect(jira.writes).toEqual([]);

    const approved = await panel(issue, '/actions/approve', { method: 'POST', body: {} });
    expect([approved.status, await approved.json()]).toEqual([200, { ok: true, action: 'approve', applied: true, status: 'approved' }]);
    // A person's approval changes no labels: no commit marker, so no ledger (a person retries it).
    expect(jira.writes.filter((w) => w.call === 'POST transitions')).toEqual([{ call: 'POST transitions', body: { transition: { id: '21' } } }]);
    expect(jira.writes.find((w) => w.call === 'POST comment')!.body).toMatchObject({ public: false, body: expect.stringContaining(TEST_ACCOUNT_ID) });
    expect(jira.current).toMatchObject({ customfield_10050: { value: 'Call' }, status: { name: 'Approved' } });
    const [action] = await service.store.listAudit({ helpdesk: 'jira', ticketId: issue.key, limit: 1 });
    expect(action).toMatchObject({ kind: 'action', rule: 'approve', actor: TEST_ACCOUNT_ID });
  });

  it('a proposal JSM refuses to take (403 on the temporary-file upload: the bot may not attach files in this service desk) writes nothing to the request', async () => {
    const issue = jiraIssue(48203);
    const writes: Write[] = [];
    nock(JIRA_SITE)
      .get(`/rest/api/3/issue/${issue.key}`).query(true).times(2).reply(200, issue)
      .get(`/rest/api/3/issue/${issue.key}/transitions`).query({ expand: 'transitions.fields' }).optionally().reply(200, TRANSITIONS)
      .get(`/rest/servicedeskapi/request/${issue.key}`).reply(200, { issueId: issue.id, issueKey: issue.key, serviceDeskId: '7', requestTypeId: '25' })
      .post('/rest/servicedeskapi/servicedesk/7/attachTemporaryFile').reply(403, { errorMessage: 'You do not have permission to attach files in this service project.' });
    const scope = nock(JIRA_SITE).persist();
    scope.put(/.*/, (b) => writes.push({ call: 'PUT', body: b }) > 0).optionally().reply(204);
    scope.post(/.*/, (b) => writes.push({ call: 'POST', body: b }) > 0).optionally().reply(201, {});
    await post(payload('jira:issue_created', issue));
    await settle();
    expect(writes).toEqual([]);
    expect(await service.store.queueDepth()).toMatchObject({ dead: 1 });
    const [error] = await service.store.listAudit({ helpdesk: 'jira', ticketId: issue.key, limit: 1 });
    expect(error).toMatchObject({ kind: 'error', note: expect.stringMatching(/^auth: .*permission to attach files/) });
  });
});
