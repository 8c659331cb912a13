import { describe, expect, it } from 'vitest';
import { parseJiraDelivery } from '../../connectors/jira/webhook/parse-jira-delivery.js';

const headers = { 'x-atlassian-webhook-identifier': '8c5b2c3e-5f1a-4c1b-9a53-1d2e3f4a5b6c', 'x-atlassian-webhook-retry': '2' };
const issue = { id: '10301', key: 'SUP-301', fields: { summary: 'Foutmelding', status: { name: 'New' } } };

describe('parseJiraDelivery', () => {
  it('reduces an issue update to the delivery shape, with the changelog and the retry count', () => {
    const result = parseJiraDelivery(
      {
        timestamp: 1_793_000_000_000,
        webhookEvent: 'jira:issue_updated',
        issue_event_type_name: 'issue_generic',
        user: { accountId: '557058:agent' },
        issue,
        changelog: { id: '10500', items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10019', fromString: 'New', to: '10020', toString: 'Approved' }] },
      },
      headers,
    );
    expect(result).toEqual({
      ok: true,
      delivery: {
        deliveryId: headers['x-atlassian-webhook-identifier'],
        eventId: headers['x-atlassian-webhook-identifier'],
        eventType: 'jira:issue_updated',
        ticketId: 'SUP-301',
        issueId: '10301',
        issue,
        occurredAt: 1_793_000_000_000,
        actorAccountId: '557058:agent',
        retry: 2,
        changelog: [{ field: 'status', fieldId: 'status', from: '10019', fromString: 'New', to: '10020', toString: 'Approved' }],
      },
    });
  });

  it("takes a comment's author as the actor when the event names no user", () => {
    const result = parseJiraDelivery({ webhookEvent: 'comment_created', issue, comment: { id: 77, author: { accountId: 'qm:customer' }, body: 'x', jsdPublic: true } }, headers);
    expect(result).toMatchObject({ ok: true, delivery: { actorAccountId: 'qm:customer', comment: { id: '77', public: true } } });
  });

  it.each([
    ['no identifier header', { webhookEvent: 'jira:issue_created', issue }, {}, 'headers.x-atlassian-webhook-identifier'],
    ['no webhookEvent', { issue }, headers, 'webhookEvent'],
    ['an issue without a key', { webhookEvent: 'jira:issue_created', issue: { id: '1' } }, headers, 'issue.key'],
    ['a body that is an array', [], headers, '(body)'],
  ])('refuses a delivery with %s, naming the path', (_label, body, given, path) => {
    const result = parseJiraDelivery(body, given);
    expect(result).toMatchObject({ ok: false, reason: 'invalid', issues: [expect.objectContaining({ path })] });
  });

  it('leaves events InScope does not act on to be acknowledged', () => {
    expect(parseJiraDelivery({ webhookEvent: 'jira:issue_deleted', issue }, headers)).toEqual({ ok: false, reason: 'unsupported', eventType: 'jira:issue_deleted' });
  });
});
