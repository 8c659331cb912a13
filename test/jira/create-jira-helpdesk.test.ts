// Jira-only parts of the adapter that the shared contract does not cover: a comment's files (a
// proposal PDF) uploaded before anything else is written and posted as customer-visible JSM request
// attachments, solving through a Done transition, and the write ledger (`inscope.writes`) that
// keeps a retried write from posting its comment twice (test/jira/jira-write-sequence.test.ts runs
// it through every crash point).
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJiraClient } from '../../connectors/jira/client/create-jira-client.js';
import { createJiraHelpdesk } from '../../connectors/jira/create-jira-helpdesk.js';
import { jiraWriteKey } from '../../connectors/jira/jira-write-ledger.js';
import { isConfigError, isHelpdeskError } from '../../connectors/shared/helpdesk-error.js';
import { config } from '../helpdesk-port/harnesses.js';
import { asJiraIssue, freshZendesk, JIRA_SITE } from '../helpdesk-port/same-request.js';

const issue = asJiraIssue(freshZendesk(48203));
const port = () =>
  createJiraHelpdesk(
    createJiraClient({ siteUrl: JIRA_SITE, auth: { email: 'inscope@veldhuis-software.nl', apiToken: 't' }, pacer: { acquire: async () => {}, observe: () => {} }, sleep: async () => {} }),
    config.helpdesks!.jira!,
  );

/** The re-read before the first write; with files to post it asks for the issue's attachments too. */
function reread(fields = 'updated,labels') {
  nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields) === fields && String(q.properties) === 'inscope.writes').reply(200, { key: issue.key, fields: { updated: issue.fields['updated'], labels: [], ...(fields.includes('attachment') && { attachment: [] }) } });
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe('createJiraHelpdesk', () => {
  const pdf = { filename: 'P-2026-0042-v1.pdf', bytes: new TextEncoder().encode('%PDF-1.7'), contentType: 'application/pdf' };

  /**
   * JSM's customer-visible attachment flow (Jira Service Management REST API: GET
   * request/{key} for its service desk, servicedesk/{id}/attachTemporaryFile, request/{key}/attachment).
   * The platform's issue attachments (POST /rest/api/3/issue/{key}/attachments) JSM shows to agents only.
   */
  it("posts a comment's files as JSM request attachments: temporary upload first, then one request attachment that carries the comment and its visibility", async () => {
    reread('updated,labels,attachment');
    const order: string[] = [];
    let upload = '';
    let attach: unknown;
    nock(JIRA_SITE)
      .get(`/rest/servicedeskapi/request/${issue.key}`)
      .reply(200, () => (order.push('request'), { issueId: issue.id, issueKey: issue.key, serviceDeskId: '7', requestTypeId: '25' }))
      .post('/rest/servicedeskapi/servicedesk/7/attachTemporaryFile', (body: string) => ((upload = body), true))
      .matchHeader('x-atlassian-token', 'no-check')
      .matchHeader('x-experimentalapi', 'opt-in')
      .matchHeader('content-type', /^multipart\/form-data; boundary=/)
      .reply(201, () => (order.push('upload'), { temporaryAttachments: [{ temporaryAttachmentId: 'temp-8c1f', fileName: pdf.filename }] }))
      .post(`/rest/servicedeskapi/request/${issue.key}/attachment`, (body) => ((attach = body), true))
      .reply(201, () => (order.push('attach'), { comment: { id: '40002', public: true }, attachments: { values: [{ filename: pdf.filename }] } }));
    await port().apply(issue.key, { comment: { body: 'Ons voorstel zit in de bijlage.', public: true, attachments: [pdf] } }, issue.fields['updated'] as string);
    expect(order).toEqual(['request', 'upload', 'attach']);
    expect(upload).toContain(`filename="${pdf.filename}"`);
    expect(upload).toContain('Content-Type: application/pdf');
    expect(upload).toContain('%PDF-1.7');
    expect(attach).toEqual({ temporaryAttachmentIds: ['temp-8c1f'], public: true, additionalComment: { body: 'Ons voorstel zit in de bijlage.' } });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('waits out a 429 with Retry-After on the request attachment and posts it once', async () => {
    reread('updated,labels,attachment');
    let attached = 0;
    nock(JIRA_SITE)
      .get(`/rest/servicedeskapi/request/${issue.key}`).reply(200, { issueKey: issue.key, serviceDeskId: '7' })
      .post('/rest/servicedeskapi/servicedesk/7/attachTemporaryFile').reply(201, { temporaryAttachments: [{ temporaryAttachmentId: 'temp-2', fileName: pdf.filename }] })
      .post(`/rest/servicedeskapi/request/${issue.key}/attachment`).reply(429, { errorMessage: 'Rate limit exceeded.' }, { 'Retry-After': '2' })
      .post(`/rest/servicedeskapi/request/${issue.key}/attachment`).reply(201, () => ((attached += 1), { comment: { id: '40004', public: true } }));
    await port().apply(issue.key, { comment: { body: 'Ons voorstel.', public: true, attachments: [pdf] } }, issue.fields['updated'] as string);
    expect(attached).toBe(1);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('writes nothing else when JSM refuses the upload (403: the bot may not add attachments in this service desk)', async () => {
    reread('updated,labels,attachment');
    const writes: string[] = [];
    nock(JIRA_SITE)
      .get(`/rest/servicedeskapi/request/${issue.key}`).reply(200, { issueKey: issue.key, serviceDeskId: '7' })
      .post('/rest/servicedeskapi/servicedesk/7/attachTemporaryFile').reply(403, { errorMessage: 'You do not have permission to attach files in this service project.' })
      .put(`/rest/api/3/issue/${issue.key}`).optionally().reply(204, () => (writes.push('PUT'), ''))
      .post(`/rest/servicedeskapi/request/${issue.key}/attachment`).optionally().reply(201, () => (writes.push('attach'), {}))
      .post(`/rest/servicedeskapi/request/${issue.key}/comment`).optionally().reply(201, () => (writes.push('comment'), {}));
    const error = await port().apply(issue.key, { category: 'advisory', comment: { body: 'x', public: true, attachments: [pdf] } }, issue.fields['updated'] as string).catch((e: unknown) => e);
    expect(isHelpdeskError(error) && error.kind).toBe('auth');
    expect(writes).toEqual([]);
  });

  it('solves through the transition into the Done status category', async () => {
    reread();
    const bodies: unknown[] = [];
    nock(JIRA_SITE)
      .get(`/rest/api/3/issue/${issue.key}/transitions`).query({ expand: 'transitions.fields' })
      .reply(200, { transitions: [{ id: '21', name: 'Approve', to: { name: 'Approved', statusCategory: { key: 'indeterminate' } } }, { id: '41', name: 'Decline', to: { name: 'Declined', statusCategory: { key: 'done' } } }] })
      .post(`/rest/api/3/issue/${issue.key}/transitions`, (b) => bodies.push(b) > 0)
      .reply(204);
    await port().apply(issue.key, { solve: true }, issue.fields['updated'] as string);
    expect(bodies).toEqual([{ transition: { id: '41' } }]);
  });

  it('refuses to solve, writing nothing, when no Done transition is offered', async () => {
    reread();
    nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}/transitions`).query({ expand: 'transitions.fields' }).reply(200, { transitions: [{ id: '21', to: { name: 'Approved', statusCategory: { key: 'indeterminate' } } }] });
    const error = await port().apply(issue.key, { solve: true, comment: { body: 'x', public: false } }, issue.fields['updated'] as string).catch((e: unknown) => e);
    expect(isConfigError(error)).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  describe('one transition carrying the decision, where its screen allows', () => {
    const mapping = config.helpdesks!.jira!;
    const category = mapping.categoryField;
    // Get issue with `expand=transitions,transitions.fields`: each transition with `hasScreen` and its screen's fields.
    const screen = {
      [category]: { required: false, schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: 10050 }, name: 'Category', key: category, hasDefaultValue: false, operations: ['set'] },
      labels: { required: false, schema: { type: 'array', items: 'string', system: 'labels' }, name: 'Labels', key: 'labels', hasDefaultValue: false, operations: ['add', 'set', 'remove'] },
    };
    const approve = (fields: Record<string, unknown>, hasScreen = true) => ({ id: '21', name: 'Approve', to: { id: '10020', name: mapping.statuses.approved, statusCategory: { key: 'indeterminate' } }, hasScreen, isGlobal: false, isInitial: false, isAvailable: true, isConditional: false, fields });
    const loaded = { ...issue, fields: { ...issue.fields, issuetype: { id: '10100', name: 'Support' }, status: { id: '10019', name: mapping.statuses.new } } };
    const decision = { category: 'call' as const, status: 'approved' as const, tags: [...(issue.fields['labels'] as string[]), 'inscope_covered', 'inscope_d_0badcafe'], comment: { body: 'Een storing in een gedekt product.\nZie https://support.example/p/abc.', public: false } };
    const load = (transition: unknown, times = 1) =>
      nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}`).query((q) => q.expand === 'transitions,transitions.fields' && String(q.fields).includes('summary')).times(times).reply(200, { ...loaded, transitions: [transition] });
    const writes = (status = 204, times = 1) => {
      const calls: { path: string; body: unknown }[] = [];
      nock(JIRA_SITE)
        .post(`/rest/api/3/issue/${issue.key}/transitions`, (b) => calls.push({ path: 'transitions', body: b }) > 0).times(times).reply(status, status === 204 ? undefined : { errorMessages: [], errors: { [category]: `Field '${category}' cannot be set. It is not on the appropriate screen, or unknown.` } })
        .put(`/rest/api/3/issue/${issue.key}`, (b) => calls.push({ path: 'PUT issue', body: b }) > 0).optionally().times(4).reply(204)
        .put(`/rest/api/3/issue/${issue.key}/properties/inscope.writes`, (b) => calls.push({ path: 'ledger', body: b }) > 0).optionally().times(4).reply(200)
        .post(`/rest/servicedeskapi/request/${issue.key}/comment`, (b) => calls.push({ path: 'JSM comment', body: b }) > 0).optionally().times(4).reply(201, { id: '40031', public: false });
      return calls;
    };

    const withNotes = (internalNotesOnTransitions: boolean) =>
      createJiraHelpdesk(
        createJiraClient({ siteUrl: JIRA_SITE, auth: { email: 'inscope@veldhuis-software.nl', apiToken: 't' }, pacer: { acquire: async () => {}, observe: () => {} }, sleep: async () => {} }),
        { ...mapping, internalNotesOnTransitions },
      );

    it('with internalNotesOnTransitions, sends category, label verbs and the internal note (ADF, sd.public.comment internal) with the transition: one write, no ledger', async () => {
      load(approve(screen));
      const calls = writes();
      const jira = withNotes(true);
      const state = await jira.load(issue.key, []);
      await jira.apply(issue.key, decision, state.version);
      expect(calls).toEqual([{
        path: 'transitions',
        body: {
          transition: { id: '21' },
          fields: { [category]: { value: mapping.categories.call } },
          update: {
            labels: [{ add: 'inscope_covered' }, { add: 'inscope_d_0badcafe' }],
            comment: [{
              add: {
                body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [
                  { type: 'text', text: 'Een storing in een gedekt product.' }, { type: 'hardBreak' }, { type: 'text', text: 'Zie ' },
                  { type: 'text', text: 'https://support.example/p/abc', marks: [{ type: 'link', attrs: { href: 'https://support.example/p/abc' } }] }, { type: 'text', text: '.' },
                ] }] },
                properties: [{ key: 'sd.public.comment', value: { internal: true } }],
              },
            }],
          },
        },
      }]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('sends a comment to the customer with the transition by default, marked not internal', async () => {
      load(approve(screen));
      const calls = writes();
      const jira = port();
      const state = await jira.load(issue.key, []);
      await jira.apply(issue.key, { ...decision, comment: { body: 'Wij pakken uw melding op.', public: true } }, state.version);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.body).toMatchObject({ update: { comment: [{ add: { properties: [{ key: 'sd.public.comment', value: { internal: false } }] } }] } });
    });

    it.each([
      ['the transition has no screen (a comment would not be added)', approve(screen, false)],
      ["its screen lacks the Category field", approve({ labels: screen.labels })],
      ['its screen lacks Labels', approve({ [category]: screen[category] })],
      ['the metadata was not expanded', { id: '21', name: 'Approve', to: { id: '10020', name: mapping.statuses.approved } }],
    ])('writes the several-call way when %s: transition with the ledger, JSM note, category and labels', async (_why, transition) => {
      load(transition);
      const calls = writes();
      const jira = withNotes(true);
      const state = await jira.load(issue.key, []);
      await jira.apply(issue.key, decision, state.version);
      expect(calls.map((c) => c.path)).toEqual(['transitions', 'JSM comment', 'PUT issue']);
      expect(calls[0]!.body).toEqual({ transition: { id: '21' }, properties: [{ key: 'inscope.writes', value: expect.objectContaining({ done: ['transition'] }) }] });
    });

    it("keeps an internal note out of the transition by default (Atlassian documents JSM's request comment API for internal comments)", async () => {
      load(approve(screen));
      const calls = writes();
      const jira = port();
      const state = await jira.load(issue.key, []);
      await jira.apply(issue.key, decision, state.version);
      expect(calls.map((c) => c.path)).toEqual(['transitions', 'JSM comment', 'PUT issue']);
    });

    it('after a 400 on the folded transition writes the several-call way, and for the next issue in that workflow step does not try again until the step is forgotten', async () => {
      let now = 0;
      const jira = createJiraHelpdesk(
        createJiraClient({ siteUrl: JIRA_SITE, auth: { email: 'inscope@veldhuis-software.nl', apiToken: 't' }, pacer: { acquire: async () => {}, observe: () => {} }, sleep: async () => {} }),
        mapping,
        { now: () => now, workflowTtlMs: 60_000, freshForMs: 10 * 60_000, internalNotesOnTransitions: true },
      );
      load(approve(screen), 3);
      const refused = writes(400);
      nock(JIRA_SITE).post(`/rest/api/3/issue/${issue.key}/transitions`, (b) => refused.push({ path: 'transitions', body: b }) > 0).times(2).reply(204);
      let state = await jira.load(issue.key, []);
      await jira.apply(issue.key, decision, state.version);
      expect(refused.map((c) => `${c.path}${c.path === 'transitions' && (c.body as { update?: unknown }).update ? ' (folded)' : ''}`)).toEqual(['transitions (folded)', 'transitions', 'JSM comment', 'PUT issue']);
      refused.length = 0;
      state = await jira.load(issue.key, []);
      await jira.apply(issue.key, decision, state.version);
      expect(refused.map((c) => c.path)).toEqual(['transitions', 'JSM comment', 'PUT issue']);
      refused.length = 0;
      now += 60_000;
      nock(JIRA_SITE).post(`/rest/api/3/issue/${issue.key}/transitions`, (b) => refused.push({ path: 'transitions', body: b }) > 0).reply(204);
      state = await jira.load(issue.key, []);
      await jira.apply(issue.key, decision, state.version);
      expect(refused.map((c) => `${c.path}${c.path === 'transitions' && (c.body as { update?: unknown }).update ? ' (folded)' : ''}`)).toEqual(['transitions (folded)']);
    });

    it('does not remember the step when the 400 names no field (the issue moved on: "a workflow operation that is not valid")', async () => {
      const jira = createJiraHelpdesk(
        createJiraClient({ siteUrl: JIRA_SITE, auth: { email: 'inscope@veldhuis-software.nl', apiToken: 't' }, pacer: { acquire: async () => {}, observe: () => {} }, sleep: async () => {} }),
        { ...mapping, internalNotesOnTransitions: true },
      );
      load(approve(screen), 2);
      const bodies: unknown[] = [];
      // The carried transition, then the several-call way's (and its retry after setting the category): all refused.
      nock(JIRA_SITE)
        .post(`/rest/api/3/issue/${issue.key}/transitions`).times(3).reply(400, { errorMessages: ['It seems that you have tried to perform a workflow operation that is not valid.'], errors: {} })
        .put(`/rest/api/3/issue/${issue.key}`).optionally().reply(204);
      let state = await jira.load(issue.key, []);
      await expect(jira.apply(issue.key, decision, state.version)).rejects.toMatchObject({ kind: 'validation' });
      nock(JIRA_SITE).post(`/rest/api/3/issue/${issue.key}/transitions`, (b) => bodies.push(b) > 0).reply(204);
      state = await jira.load(issue.key, []);
      await jira.apply(issue.key, decision, state.version);
      expect(bodies).toEqual([expect.objectContaining({ update: expect.objectContaining({ comment: expect.any(Array) }) })]);
    });

    it("never folds a comment with files: the proposal goes through JSM's request attachment first, then the transition carries category and labels", async () => {
      load(approve(screen));
      const calls = writes();
      nock(JIRA_SITE)
        .get(`/rest/servicedeskapi/request/${issue.key}`).reply(200, { issueKey: issue.key, serviceDeskId: '7' })
        .post('/rest/servicedeskapi/servicedesk/7/attachTemporaryFile').reply(201, { temporaryAttachments: [{ temporaryAttachmentId: 'temp-9', fileName: pdf.filename }] })
        .post(`/rest/servicedeskapi/request/${issue.key}/attachment`, (b) => calls.push({ path: 'request attachment', body: b }) > 0).reply(201, { comment: { id: '40005', public: true } });
      const jira = port();
      const state = await jira.load(issue.key, []);
      await jira.apply(issue.key, { ...decision, category: 'advisory', comment: { body: 'Ons voorstel.', public: true, attachments: [pdf] } }, state.version);
      expect(calls.map((c) => c.path)).toEqual(['request attachment', 'transitions']);
      expect(calls[1]!.body).toEqual({ transition: { id: '21' }, fields: { [category]: { value: mapping.categories.advisory } }, update: { labels: [{ add: 'inscope_covered' }, { add: 'inscope_d_0badcafe' }] } });
    });

    it('does not post a proposal again that a lost answer left on the issue: its file is among the attachments the load read', async () => {
      nock(JIRA_SITE)
        .get(`/rest/api/3/issue/${issue.key}`).query((q) => q.expand === 'transitions,transitions.fields')
        .reply(200, { ...loaded, fields: { ...loaded.fields, attachment: [{ id: '10400', filename: pdf.filename, mimeType: 'application/pdf', size: 8, created: '2026-11-27T10:00:01.000+0000' }] }, transitions: [approve(screen)] });
      const calls = writes();
      const jira = port();
      const state = await jira.load(issue.key, []);
      await jira.apply(issue.key, { ...decision, category: 'advisory', comment: { body: 'Ons voorstel.', public: true, attachments: [pdf] } }, state.version);
      expect(calls.map((c) => c.path)).toEqual(['transitions']);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('the write ledger', () => {
    const note = { body: 'Voorstel P-2026-0001 versie 1: verlopen.', public: false };
    const change = { comment: note, tags: ['inscope_advisory', 'inscope_p2026_0001_v1_expired'] };

    it('sets the ledger by itself before a comment that no category edit or transition carries it in, then the comment, then the labels', async () => {
      const calls: string[] = [];
      let ledger: unknown;
      nock(JIRA_SITE)
        .get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields) === 'updated,labels' && q.properties === 'inscope.writes')
        .reply(200, { key: issue.key, fields: { updated: issue.fields['updated'], labels: ['inscope_advisory'] }, properties: {} })
        .put(`/rest/api/3/issue/${issue.key}/properties/inscope.writes`, (b) => ((ledger = b), calls.push('ledger') > 0)).reply(201)
        .post(`/rest/servicedeskapi/request/${issue.key}/comment`, () => calls.push('comment') > 0).reply(201, { id: '40021', public: false })
        .put(`/rest/api/3/issue/${issue.key}`, (b) => calls.push(`labels ${JSON.stringify(b)}`) > 0).reply(204);
      await port().apply(issue.key, change, issue.fields['updated'] as string);
      expect(calls).toEqual(['ledger', 'comment', 'labels {"update":{"labels":[{"add":"inscope_p2026_0001_v1_expired"}]}}']);
      expect(ledger).toEqual({ key: expect.stringMatching(/^[0-9a-f]{16}$/), since: issue.fields['updated'], done: [], comment: note });
    });

    it('on a retry whose ledger is on the issue, finds the comment an earlier attempt posted after `since` and writes only the labels', async () => {
      const since = issue.fields['updated'] as string;
      let ledgerKey = '';
      nock(JIRA_SITE)
        .get(`/rest/api/3/issue/${issue.key}`).query(true)
        .reply(200, { key: issue.key, fields: { updated: since, labels: ['inscope_advisory'] }, properties: {} })
        .put(`/rest/api/3/issue/${issue.key}/properties/inscope.writes`, (b: { key: string }) => ((ledgerKey = b.key), true)).reply(201)
        .post(`/rest/servicedeskapi/request/${issue.key}/comment`).reply(201, { id: '40021', public: false })
        .put(`/rest/api/3/issue/${issue.key}`).reply(500, { errorMessages: ['boom'] });
      await expect(port().apply(issue.key, change, since)).rejects.toMatchObject({ kind: 'server' });

      const later = Date.parse(since.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) + 5_000;
      const writes: string[] = [];
      nock(JIRA_SITE)
        .get(`/rest/api/3/issue/${issue.key}`).query(true)
        .reply(200, { key: issue.key, fields: { updated: 'later', labels: ['inscope_advisory'] }, properties: { 'inscope.writes': { key: ledgerKey, since, done: [], comment: note } } })
        .get(`/rest/servicedeskapi/request/${issue.key}/comment`).query(true)
        .reply(200, { isLastPage: true, values: [{ id: '40021', body: note.body, public: false, created: { epochMillis: later } }] })
        .post(`/rest/servicedeskapi/request/${issue.key}/comment`).optionally().reply(201, () => (writes.push('comment'), {}))
        .put(`/rest/api/3/issue/${issue.key}`, (b) => writes.push(`labels ${JSON.stringify(b)}`) > 0).reply(204);
      await port().apply(issue.key, change, 'later');
      expect(writes).toEqual(['labels {"update":{"labels":[{"add":"inscope_p2026_0001_v1_expired"}]}}']);
    });

    it('posts the comment again when the one found is older than the ledger (the same words from an earlier decision)', async () => {
      const since = issue.fields['updated'] as string;
      const earlier = Date.parse(since.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) - 60_000;
      const writes: string[] = [];
      nock(JIRA_SITE)
        .get(`/rest/api/3/issue/${issue.key}`).query(true)
        .reply(200, { key: issue.key, fields: { updated: 'later', labels: ['inscope_advisory'] }, properties: {} })
        .put(`/rest/api/3/issue/${issue.key}/properties/inscope.writes`).reply(201)
        .post(`/rest/servicedeskapi/request/${issue.key}/comment`).reply(201, () => (writes.push('comment'), { id: '40022' }))
        .put(`/rest/api/3/issue/${issue.key}`).reply(204);
      await port().apply(issue.key, change, 'later');
      const key = jiraWriteKey([{ add: 'inscope_p2026_0001_v1_expired' }]);
      nock(JIRA_SITE)
        .get(`/rest/api/3/issue/${issue.key}`).query(true)
        .reply(200, { key: issue.key, fields: { updated: 'later', labels: ['inscope_advisory'] }, properties: { 'inscope.writes': { key, since, done: [], comment: note } } })
        .get(`/rest/servicedeskapi/request/${issue.key}/comment`).query(true)
        .reply(200, { isLastPage: true, values: [{ id: '39001', body: note.body, public: false, created: { epochMillis: earlier } }] })
        .post(`/rest/servicedeskapi/request/${issue.key}/comment`).reply(201, () => (writes.push('comment'), { id: '40023' }))
        .put(`/rest/api/3/issue/${issue.key}`).reply(204);
      await port().apply(issue.key, change, 'later');
      expect(writes).toEqual(['comment', 'comment']);
    });
  });
});
