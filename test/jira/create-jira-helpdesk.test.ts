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

function reread() {
  nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields) === 'updated,labels' && String(q.properties) === 'inscope.writes').reply(200, { key: issue.key, fields: { updated: issue.fields['updated'], labels: [] } });
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
    reread();
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
    reread();
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
    reread();
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
      .get(`/rest/api/3/issue/${issue.key}/transitions`)
      .reply(200, { transitions: [{ id: '21', name: 'Approve', to: { name: 'Approved', statusCategory: { key: 'indeterminate' } } }, { id: '41', name: 'Decline', to: { name: 'Declined', statusCategory: { key: 'done' } } }] })
      .post(`/rest/api/3/issue/${issue.key}/transitions`, (b) => bodies.push(b) > 0)
      .reply(204);
    await port().apply(issue.key, { solve: true }, issue.fields['updated'] as string);
    expect(bodies).toEqual([{ transition: { id: '41' } }]);
  });

  it('refuses to solve, writing nothing, when no Done transition is offered', async () => {
    reread();
    nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}/transitions`).reply(200, { transitions: [{ id: '21', to: { name: 'Approved', statusCategory: { key: 'indeterminate' } } }] });
    const error = await port().apply(issue.key, { solve: true, comment: { body: 'x', public: false } }, issue.fields['updated'] as string).catch((e: unknown) => e);
    expect(isConfigError(error)).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
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
