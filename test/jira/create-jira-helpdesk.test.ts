// Jira-only parts of the adapter that the shared contract does not cover: a comment's files (a
// proposal PDF) uploaded before anything else is written, and solving through a Done transition.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJiraClient } from '../../connectors/jira/client/create-jira-client.js';
import { createJiraHelpdesk } from '../../connectors/jira/create-jira-helpdesk.js';
import { isConfigError } from '../../connectors/shared/helpdesk-error.js';
import { config } from '../helpdesk-port/harnesses.js';
import { asJiraIssue, freshZendesk, JIRA_SITE } from '../helpdesk-port/same-request.js';

const issue = asJiraIssue(freshZendesk(48203));
const port = () =>
  createJiraHelpdesk(
    createJiraClient({ siteUrl: JIRA_SITE, auth: { email: 'inscope@veldhuis-software.nl', apiToken: 't' }, pacer: { acquire: async () => {}, observe: () => {} }, sleep: async () => {} }),
    config.helpdesks!.jira!,
  );

function reread() {
  nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields) === 'updated,labels').reply(200, { key: issue.key, fields: { updated: issue.fields['updated'], labels: [] } });
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe('createJiraHelpdesk', () => {
  it("uploads a comment's files to the issue before the comment, as multipart with Jira's XSRF header", async () => {
    reread();
    const order: string[] = [];
    let upload = '';
    nock(JIRA_SITE)
      .post(`/rest/api/3/issue/${issue.key}/attachments`, (body: string) => {
        upload = body;
        return true;
      })
      .matchHeader('x-atlassian-token', 'no-check')
      .matchHeader('content-type', /^multipart\/form-data; boundary=/)
      .reply(200, function () {
        order.push('upload');
        return [{ id: '10900', filename: 'OFF-2026-0042.pdf', mimeType: 'application/pdf', size: 8 }];
      })
      .post(`/rest/servicedeskapi/request/${issue.key}/comment`)
      .reply(201, function () {
        order.push('comment');
        return { id: '1' };
      });
    await port().apply(issue.key, { comment: { body: 'Offerte in de bijlage', public: true, attachments: [{ filename: 'OFF-2026-0042.pdf', bytes: new TextEncoder().encode('%PDF-1.7'), contentType: 'application/pdf' }] } }, issue.fields['updated'] as string);
    expect(order).toEqual(['upload', 'comment']);
    expect(upload).toContain('filename="OFF-2026-0042.pdf"');
    expect(upload).toContain('Content-Type: application/pdf');
    expect(upload).toContain('%PDF-1.7');
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
});
