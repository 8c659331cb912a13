// The Jira half of the connector end to end: signed Jira admin-webhook deliveries through the real
// HTTP server, the real SQLite store and worker pool, nock standing in for Jira only. Asserts the
// exact outbound Jira calls per verdict.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { asJiraIssue, freshZendesk, JIRA_SITE } from '../helpdesk-port/same-request.js';
import { anchoredClock } from '../helpers/anchored-clock.js';
import { fitClaims, startForgeKeyServer, TEST_ACCOUNT_ID, type ForgeKeyServer } from '../http/forge-test-keys.js';
import { BOT, decisionLabel, ledger, jiraAsItNowIs, EVENT_AT, jiraDouble, jiraIssue, NOW, payload, post, PREVIOUS, SCREENED_TRANSITIONS, service, settle, start, stop, type Issue } from './live-jira-connector.js';


beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe('Jira deliveries through the live connector', () => {
  beforeEach(() => start());
  afterEach(() => stop());

  it('auto-approves a covered defect: transition to Approved with the ledger, internal note, then the category and the labels in one edit, last', async () => {
    const issue = jiraIssue(48201);
    const writes = jiraDouble(issue);
    const res = await post(payload('jira:issue_created', issue));
    expect(res.status).toBe(202);
    await settle();
    expect(writes).toEqual([
      { call: 'POST transitions', body: { transition: { id: '21' }, properties: ledger('transition') } },
      { call: 'POST comment 201', body: { body: expect.stringContaining('defect'), public: false } },
      { call: 'PUT issue', body: { fields: { customfield_10050: { value: 'Call' } }, update: { labels: [{ add: 'inscope_covered' }, { add: decisionLabel }] } } },
    ]);
    const [decision] = await service.store.listAudit({ helpdesk: 'jira', ticketId: 'SUP-48201', limit: 5 });
    expect(decision).toMatchObject({ kind: 'decision', outcome: 'covered', rule: 'defect', accountId: 'veldhuis.atlassian.net' });
    expect(decision!.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /rest/api/3/issue/SUP-48201 200',
      'POST /rest/api/3/issue/SUP-48201/transitions 204',
      'POST /rest/servicedeskapi/request/SUP-48201/comment 200',
      'PUT /rest/api/3/issue/SUP-48201 204',
    ]);
  });

  it("asks for what is missing in one call where the transition to New shows Category and Labels: the transition carries them and the public comment (ADF)", async () => {
    const issue = jiraIssue(48224);
    const writes = jiraDouble(issue, { transitions: SCREENED_TRANSITIONS });
    await post(payload('jira:issue_created', issue));
    await settle();
    expect(writes).toEqual([
      {
        call: 'POST transitions',
        body: {
          transition: { id: '11' },
          fields: { customfield_10050: { value: 'Call' } },
          update: {
            labels: [{ add: 'inscope_incomplete' }, { add: decisionLabel }],
            comment: [{ add: { body: { type: 'doc', version: 1, content: expect.arrayContaining([expect.objectContaining({ type: 'paragraph' })]) }, properties: [{ key: 'sd.public.comment', value: { internal: false } }] } }],
          },
        },
      },
    ]);
    const [decision] = await service.store.listAudit({ helpdesk: 'jira', ticketId: 'SUP-48224', limit: 5 });
    expect(decision!.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(['GET /rest/api/3/issue/SUP-48224 200', 'POST /rest/api/3/issue/SUP-48224/transitions 204']);
  });

  it("keeps a covered defect's internal note on JSM's request comment API by default, also where the screen would take it: transition, note, category and labels", async () => {
    const issue = jiraIssue(48201);
    const writes = jiraDouble(issue, { transitions: SCREENED_TRANSITIONS });
    await post(payload('jira:issue_created', issue));
    await settle();
    expect(writes.map((w) => w.call)).toEqual(['POST transitions', 'POST comment 201', 'PUT issue']);
    expect(writes[0]!.body).toEqual({ transition: { id: '21' }, properties: ledger('transition') });
  });

  it('turns an uncovered how-to question into Advisory in New and sends the proposal: the PDF as a public request attachment with the accept link, and no internal note that would repeat the sidebar', async () => {
    const issue = jiraIssue(48203);
    const writes = jiraDouble(issue);
    await post(payload('jira:issue_created', issue));
    await settle();
    // The proposal first, then the transition and the labels that commit it; no ledger: the PDF on
    // the issue is what a retry looks for.
    expect(writes.map((w) => w.call)).toEqual(['POST attachTemporaryFile', 'POST request attachment', 'POST transitions', 'PUT issue']);
    expect(writes[0]!.body).toMatch(/^P-\d{4}-0001-v1\.pdf$/);
    expect(writes[1]!.body).toEqual({ temporaryAttachmentIds: ['temp-1'], public: true, additionalComment: { body: expect.stringMatching(/\/p\/[\w.-]+/) } });
    expect(writes[2]!.body).toEqual({ transition: { id: '11' } });
    expect(writes[3]!.body).toMatchObject({ fields: { customfield_10050: { value: 'Advisory' } } });
    expect((writes[3]!.body as { update: { labels: { add?: string }[] } }).update.labels).toContainEqual({ add: expect.stringMatching(/^inscope_p\d{4}_0001_v1$/) });
    const [proposal] = await service.store.listProposals({ helpdesk: 'jira', ticketId: issue.key, limit: 1 });
    expect(proposal).toMatchObject({ status: 'sent', version: 1 });
    expect(await service.store.queueDepth()).toMatchObject({ done: 1, dead: 0 });
    const [decision] = (await service.store.listAudit({ helpdesk: 'jira', ticketId: issue.key, limit: 10 })).filter((e) => e.kind === 'decision');
    // The API economy of an advisory JSM request: 2 reads (the issue with its transitions and
    // ledger, the request's service desk: once per project) and 4 writes (upload, request
    // attachment, transition, category and labels); the internal note only when the budget has news.
    expect(decision!.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'POST', 'POST', 'POST', 'PUT']);
  });

  it("sends the proposal in two writes and the upload where the transition to New shows Category and Labels: the request attachment, then the transition carrying them", async () => {
    const issue = jiraIssue(48203);
    const writes = jiraDouble(issue, { transitions: SCREENED_TRANSITIONS });
    await post(payload('jira:issue_created', issue));
    await settle();
    expect(writes.map((w) => w.call)).toEqual(['POST attachTemporaryFile', 'POST request attachment', 'POST transitions']);
    expect(writes[2]!.body).toEqual({
      transition: { id: '11' },
      fields: { customfield_10050: { value: 'Advisory' } },
      update: { labels: expect.arrayContaining([{ add: 'inscope_advisory' }, { add: decisionLabel }, { add: expect.stringMatching(/^inscope_p\d{4}_0001_v1$/) }]) },
    });
    const [proposal] = await service.store.listProposals({ helpdesk: 'jira', ticketId: issue.key, limit: 1 });
    expect(proposal).toMatchObject({ status: 'sent', version: 1 });
  });

  it('accepts through the link in the JSM comment: the proposal is accepted and the issue moves to Approved with an internal note, once', async () => {
    const issue = jiraIssue(48203);
    const writes = jiraDouble(issue);
    await post(payload('jira:issue_created', issue));
    await settle();
    const sent = writes.find((w) => w.call === 'POST request attachment')!.body as { additionalComment: { body: string } };
    const token = /\/p\/([\w.-]+)/.exec(sent.additionalComment.body)![1]!;
    const labels = ((writes.find((w, i) => w.call === 'PUT issue' && i > 1)!.body as { update: { labels: { add?: string }[] } }).update.labels).flatMap((l) => (l.add ? [l.add] : []));
    nock.cleanAll();
    // The issue as Jira now shows it: Advisory, New, InScope's labels.
    const { writes: after } = jiraAsItNowIs(issue, { customfield_10050: { value: 'Advisory' }, status: { name: 'New' }, labels });
    const page = await fetch(`${service.url}/p/${token}/accept`, { method: 'POST' });
    expect(page.status).toBe(200);
    await settle();
    const [proposal] = await service.store.listProposals({ helpdesk: 'jira', ticketId: issue.key, limit: 1 });
    expect(proposal).toMatchObject({ status: 'accepted' });
    expect(after.filter((w) => w.call === 'POST transitions').map((w) => w.body)).toEqual([{ transition: { id: '21' }, properties: ledger('transition') }]);
    expect(after.filter((w) => w.call === 'POST comment')).toHaveLength(1);
    expect(after.find((w) => w.call === 'POST comment')!.body).toMatchObject({ public: false });
    expect(await service.store.queueDepth()).toMatchObject({ dead: 0 });
  });

  it.each([
    ['the reporter', (reporter: string) => reporter, 'accepted'],
    ['a customer participant of the request', () => 'qm:381077', 'accepted'],
    ['someone else (an agent, or a customer not on the request)', () => 'qm:999999', 'sent'],
  ])('accepts by reply "akkoord" on JSM only from %s', async (_label, author, status) => {
    const issue = jiraIssue(48203);
    const writes = jiraDouble(issue);
    await post(payload('jira:issue_created', issue));
    await settle();
    const labels = ((writes.find((w, i) => w.call === 'PUT issue' && i > 1)!.body as { update: { labels: { add?: string }[] } }).update.labels).flatMap((l) => (l.add ? [l.add] : []));
    nock.cleanAll();
    const { writes: after } = jiraAsItNowIs(issue, { customfield_10050: { value: 'Advisory' }, status: { name: 'New' }, labels }, { participants: [{ accountId: 'qm:381077', displayName: 'Pieter de Vries' }] });
    const reporter = (issue.fields['reporter'] as { accountId: string }).accountId;
    // Jira's comment events carry a reduced issue (no reporter) and the comment with its author.
    const reduced = { id: issue.id, key: issue.key, fields: { summary: issue.fields['summary'], status: { name: 'New' } } };
    const res = await post(payload('comment_created', reduced as Issue, { user: undefined, comment: { id: '50002', author: { accountId: author(reporter), accountType: 'customer' }, body: 'Akkoord, graag!', jsdPublic: true } }));
    expect(res.status).toBe(202);
    await settle();
    const [proposal] = await service.store.listProposals({ helpdesk: 'jira', ticketId: issue.key, limit: 1 });
    expect(proposal).toMatchObject({ status });
    expect(after.filter((w) => w.call === 'POST transitions').map((w) => w.body)).toEqual(status === 'accepted' ? [{ transition: { id: '21' }, properties: ledger('transition') }] : []);
    expect(await service.store.queueDepth()).toMatchObject({ dead: 0 });
  });

  it('asks the customer for what is missing in a public JSM comment', async () => {
    const issue = jiraIssue(48224);
    const writes = jiraDouble(issue);
    await post(payload('jira:issue_created', issue));
    await settle();
    const comment = writes.find((w) => w.call.startsWith('POST comment'))!.body as { body: string; public: boolean };
    expect(comment.public).toBe(true);
    expect(typeof comment.body).toBe('string');
    expect(writes.at(-1)!.body).toEqual({ fields: { customfield_10050: { value: 'Call' } }, update: { labels: [{ add: 'inscope_incomplete' }, { add: decisionLabel }] } });
  });

  it('writes nothing and dead-letters the job with a clear reason when the workflow hides the transition from the bot', async () => {
    const issue = jiraIssue(48201);
    const writes = jiraDouble(issue, { transitions: { transitions: [{ id: '31', name: 'Resolve', to: { name: 'Resolved' } }] } });
    await post(payload('jira:issue_created', issue));
    await settle();
    expect(writes).toEqual([]);
    expect(await service.store.queueDepth()).toMatchObject({ dead: 1 });
    const [error] = await service.store.listAudit({ helpdesk: 'jira', ticketId: 'SUP-48201', limit: 1 });
    expect(error).toMatchObject({ kind: 'error', outcome: 'covered' });
    expect(error!.note).toMatch(/^config: No transition to "Approved".*JSM approval step or the workflow hides the transition to Approved from the bot/);
  });

  it('moves an issue approved while incomplete back to New with an internal note saying why (path guard, revert)', async () => {
    const issue = asJiraIssue(freshZendesk(48224), { status: 'Approved' });
    const writes = jiraDouble(issue);
    await post(payload('jira:issue_updated', issue, { changelog: { items: [{ field: 'status', fromString: 'Waiting for support', toString: 'Approved' }] } }));
    await settle();
    expect(writes.map((w) => w.call)).toEqual(['POST transitions', 'POST comment 201', 'PUT issue']);
    expect(writes[0]!.body).toEqual({ transition: { id: '11' }, properties: ledger('transition') });
    expect(writes[1]!.body).toEqual({ body: expect.stringMatching(/^Teruggezet naar Nieuw: goedgekeurd terwijl de aanvraag onvolledig is\./m), public: false });
    // One language throughout: the Dutch note once said "goedgekeurd terwijl the request is incomplete".
    expect((writes[1]!.body as { body: string }).body).not.toMatch(/\b(?:approved|while|the request|Missing|Moved back)\b/);
    const [guard] = await service.store.listAudit({ helpdesk: 'jira', ticketId: 'SUP-48224', limit: 1 });
    expect(guard).toMatchObject({ kind: 'guard', outcome: 'incomplete', note: 'revert: approved while the request is incomplete' });
  });

  it('waits out a 429 on the comment and posts it once', async () => {
    const issue = jiraIssue(48224);
    const writes = jiraDouble(issue, { commentStatus: [429, 201] });
    await post(payload('jira:issue_created', issue));
    await settle();
    expect(writes.map((w) => w.call)).toEqual(['POST transitions', 'POST comment 429', 'POST comment 201', 'PUT issue']);
    expect(await service.store.queueDepth()).toMatchObject({ done: 1, dead: 0 });
  });

  it('stores a redelivered webhook once: 202, then 200 duplicate for the same identifier', async () => {
    const issue = jiraIssue(48201);
    jiraDouble(issue);
    const body = payload('jira:issue_created', issue);
    const first = await post(body, { id: 'wh-dup' });
    const again = await post(body, { id: 'wh-dup', headers: { 'x-atlassian-webhook-retry': '1' } });
    expect([first.status, await first.json()]).toEqual([202, { status: 'accepted' }]);
    expect([again.status, await again.json()]).toEqual([200, { status: 'duplicate' }]);
    await settle();
    expect(await service.store.queueDepth()).toMatchObject({ done: 1 });
  });

  it('answers a replayed signed body with a fresh identifier as a duplicate and makes no second job', async () => {
    const issue = jiraIssue(48201);
    jiraDouble(issue);
    const raw = JSON.stringify(payload('jira:issue_created', issue));
    const first = await post(undefined, { raw, id: 'wh-original' });
    const replays = [];
    for (const id of ['wh-forged-1', 'wh-forged-2', 'wh-forged-3']) replays.push(await post(undefined, { raw, id }));
    expect([first.status, await first.json()]).toEqual([202, { status: 'accepted' }]);
    for (const replay of replays) expect([replay.status, await replay.json()]).toEqual([200, { status: 'duplicate' }]);
    await settle();
    expect(await service.store.queueDepth()).toMatchObject({ done: 1 });
    expect(await service.store.listAudit({ helpdesk: 'jira', ticketId: issue.key, limit: 10 })).toHaveLength(1);
  });

  it.each([
    ['older than the window', EVENT_AT - 2 * 60 * 60_000, 'stale'],
    ['further ahead than clock skew explains', Date.parse(NOW) + 60 * 60_000, 'stale'],
  ])('refuses a signed body whose timestamp is %s: 401 naming the reason, nothing stored', async (_label, timestamp, code) => {
    const res = await post({ ...payload('jira:issue_created', jiraIssue(48201)), timestamp });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code, message: expect.stringContaining('timestamp') });
    expect(await service.store.queueDepth()).toEqual({ queued: 0, running: 0, done: 0, dead: 0 });
  });

  it('refuses a signed body without a timestamp: 422 naming the field, nothing stored', async () => {
    const { timestamp: _dropped, ...body } = payload('jira:issue_created', jiraIssue(48201));
    const res = await post(body);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('timestamp');
    expect(await service.store.queueDepth()).toEqual({ queued: 0, running: 0, done: 0, dead: 0 });
  });

  it("acknowledges the bot's own edits without queueing them", async () => {
    const issue = jiraIssue(48201);
    const res = await post(payload('jira:issue_updated', issue, { user: { accountId: BOT }, changelog: { id: '1', items: [{ field: 'labels', fieldtype: 'jira', from: null, fromString: '', to: null, toString: 'inscope_covered' }] } }));
    expect([res.status, await res.json()]).toEqual([200, { status: 'ignored', reason: 'own_change' }]);
    expect(await service.store.queueDepth()).toEqual({ queued: 0, running: 0, done: 0, dead: 0 });
  });

  it("queues a customer's comment and triages the issue again", async () => {
    const issue = jiraIssue(48201);
    jiraDouble(issue);
    const res = await post(payload('comment_created', issue, { user: undefined, comment: { id: '50001', author: { accountId: 'qm:381001' }, body: 'Hier is de foutmelding', jsdPublic: true } }));
    expect(res.status).toBe(202);
    await settle();
    const [decision] = await service.store.listAudit({ helpdesk: 'jira', ticketId: 'SUP-48201', limit: 1 });
    expect(decision).toMatchObject({ kind: 'decision', outcome: 'covered' });
  });

  it('accepts a delivery signed with the previous secret during a rotation', async () => {
    const issue = jiraIssue(48201);
    jiraDouble(issue);
    expect((await post(payload('jira:issue_created', issue), { secret: PREVIOUS })).status).toBe(202);
    await settle();
  });

  it.each([
    ['a delivery signed with another secret', { secret: 'not-our-secret' }, 401, 'signature'],
    ['a body that is not JSON', { raw: '{"webhookEvent":' }, 400, 'json'],
    ['a wrong content type', { headers: { 'content-type': 'text/plain' } }, 415, 'content_type'],
    ['a delivery without the signature header', { headers: { 'x-hub-signature': '' } }, 400, 'missing_headers'],
    ['a body over the size limit', { raw: JSON.stringify({ webhookEvent: 'jira:issue_created', pad: 'x'.repeat(1024 * 1024) }) }, 413, 'too_large'],
  ])('rejects %s', async (_label, options, status, code) => {
    const res = await post(payload('jira:issue_created', jiraIssue(48201)), options);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(await service.store.queueDepth()).toEqual({ queued: 0, running: 0, done: 0, dead: 0 });
  });

  it('names every missing header', async () => {
    const res = await fetch(`${service.url}/webhooks/jira`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { details: { missing: ['x-hub-signature', 'x-atlassian-webhook-identifier'] } } });
  });

  it('answers 422 naming the path of an invalid issue, and 200 for an event InScope does not act on', async () => {
    const invalid = await post({ timestamp: EVENT_AT, webhookEvent: 'jira:issue_created', issue: { id: '1', key: 'not a key' } });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toContain('issue.key');
    const other = await post({ webhookEvent: 'worklog_created', worklog: {} });
    expect([other.status, await other.json()]).toEqual([200, { status: 'ignored', eventType: 'worklog_created' }]);
  });

  it('answers 503 with Retry-After when the delivery cannot be stored, so Jira sends it again', async () => {
    const failing = vi.spyOn(service.store, 'recordDelivery').mockRejectedValue(new Error('SQLITE_FULL: database or disk is full'));
    const res = await post(payload('jira:issue_created', jiraIssue(48201)));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(failing).toHaveBeenCalledOnce();
    failing.mockRestore();
  });
});

describe('Jira deliveries in shadow mode (no Jira credentials)', () => {
  beforeEach(() => start({ JIRA_SITE_URL: '', JIRA_EMAIL: '', JIRA_API_TOKEN: '' }));
  afterEach(() => stop());

  it('triages the issue the delivery carried and writes nothing', async () => {
    const issue = jiraIssue(48203);
    await post(payload('jira:issue_created', issue));
    await settle();
    const [decision] = await service.store.listAudit({ helpdesk: 'jira', ticketId: 'SUP-48203', limit: 1 });
    expect(decision).toMatchObject({ kind: 'decision', outcome: 'advisory', calls: [] });
    expect(decision!.note).toMatch(/^shadow, nothing written/);
  });

  it("triages a comment event, whose issue is Jira's reduced one (no created, no description), from the issue it saw before", async () => {
    const issue = jiraIssue(48203);
    await post(payload('jira:issue_created', issue));
    await settle();
    // Jira's comment events carry only a few fields of the issue (Jira Cloud platform, "Webhooks").
    const reduced = { id: issue.id, key: issue.key, fields: { summary: issue.fields['summary'], status: issue.fields['status'], issuetype: issue.fields['issuetype'], priority: issue.fields['priority'] } };
    await post(payload('comment_created', reduced as Issue, { user: undefined, comment: { id: '50001', author: { accountId: 'qm:381001' }, body: 'Nog een vraag', jsdPublic: true } }));
    await settle();
    expect(await service.store.queueDepth()).toMatchObject({ done: 2, dead: 0 });
    const [latest, first] = await service.store.listAudit({ helpdesk: 'jira', ticketId: issue.key, limit: 2 });
    expect(latest).toMatchObject({ kind: 'decision', outcome: first!.outcome });
  });
});

describe('the Jira panel (Forge) in shadow mode', () => {
  let forge: ForgeKeyServer;
  beforeAll(async () => {
    forge = await startForgeKeyServer(anchoredClock(NOW));
  });
  afterAll(() => forge.close());
  beforeEach(() => start({ JIRA_SITE_URL: '', JIRA_EMAIL: '', JIRA_API_TOKEN: '' }, forge));
  afterEach(() => stop());

  it("shows the organization's budget meter, as the Zendesk panel does; no proposal yet", async () => {
    const issue = jiraIssue(48224);
    await post(payload('jira:issue_created', issue));
    await settle();
    const token = await forge.sign(fitClaims({}, { id: String(issue.id), key: issue.key }));
    const res = await fetch(`${service.url}/api/v1/jira/tickets/${issue.key}/verdict`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { contract: { id: string }; budget: { month: string; cap: unknown } | null; proposal: unknown };
    expect(body.contract.id).toBe('C-2026-001');
    expect(body.budget).toMatchObject({ month: '2026-11', cap: { hours: 20 } });
    expect(body.proposal).toBeNull();
  });
});

describe('the Jira panel (Forge), live', () => {
  let forge: ForgeKeyServer;
  beforeAll(async () => {
    forge = await startForgeKeyServer(anchoredClock(NOW));
  });
  afterAll(() => forge.close());
  beforeEach(() => start({}, forge));
  afterEach(() => stop());

  it('converts to advisory with a proposal, as on Zendesk: the PDF as a public request attachment, the internal note naming the agent', async () => {
    const issue = jiraIssue(48201);
    const writes = jiraDouble(issue);
    const token = await forge.sign(fitClaims({}, { id: String(issue.id), key: issue.key }));
    const res = await fetch(`${service.url}/api/v1/jira/tickets/${issue.key}/actions/convert`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ hours: 2, scope: 'Inrichting van de koppeling' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, action: 'convert', proposal: { hours: 2, number: expect.stringMatching(/^P-\d{4}-0001$/), version: 1, status: 'sent' } });
    expect(writes.map((w) => w.call)).toEqual(['POST attachTemporaryFile', 'POST request attachment', 'PUT issue', 'POST comment 201']);
    expect(writes[1]!.body).toMatchObject({ public: true, additionalComment: { body: expect.stringContaining('/p/') } });
    expect(writes[3]!.body).toMatchObject({ public: false, body: expect.stringContaining(TEST_ACCOUNT_ID) });
    const [proposal] = await service.store.listProposals({ helpdesk: 'jira', ticketId: issue.key, limit: 1 });
    expect(proposal).toMatchObject({ status: 'sent', hundredthHours: 200 });
    const [entry] = await service.store.listAudit({ helpdesk: 'jira', ticketId: issue.key, limit: 1 });
    expect(entry).toMatchObject({ kind: 'action', rule: 'convert', actor: TEST_ACCOUNT_ID });
  });
});

describe('the webhook secret that `inscope jira setup` stores', () => {
  beforeEach(() => start({ JIRA_WEBHOOK_SECRET: '', JIRA_WEBHOOK_SECRET_PREVIOUS: '' }));
  afterEach(() => stop());

  it('is used without a restart when setup stores it while the service runs', async () => {
    const issue = jiraIssue(48201);
    jiraDouble(issue);
    const before = await post(payload('jira:issue_created', issue), { secret: 'stored-by-setup-secret-0c9d' });
    expect(before.status).toBe(503);
    await service.store.putSetting('jira.webhook_secret', 'stored-by-setup-secret-0c9d');
    const after = await post(payload('jira:issue_created', issue), { secret: 'stored-by-setup-secret-0c9d' });
    expect(after.status).toBe(202);
    const forged = await post({ ...payload('jira:issue_created', issue), timestamp: EVENT_AT + 1 }, { secret: 'not-the-stored-secret' });
    expect(forged.status).toBe(401);
    await settle();
  });
});

describe("the bot's accountId from /rest/api/3/myself", () => {
  afterEach(() => stop());

  it('asks Jira who InScope is at start when JIRA_BOT_ACCOUNT_ID is not set, and drops its own edits', async () => {
    nock(JIRA_SITE).get('/rest/api/3/myself').reply(200, { accountId: '712020:from-myself', accountType: 'atlassian', active: true });
    await start({ JIRA_BOT_ACCOUNT_ID: '' });
    expect(nock.isDone()).toBe(true);
    const res = await post(payload('jira:issue_updated', jiraIssue(48201), { user: { accountId: '712020:from-myself' } }));
    expect([res.status, await res.json()]).toEqual([200, { status: 'ignored', reason: 'own_change' }]);
  });
});
