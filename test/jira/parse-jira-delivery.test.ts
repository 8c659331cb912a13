import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { parseJiraDelivery as parseJson, type JiraHeaders } from '../../connectors/jira/webhook/parse-jira-delivery.js';

/** As the router calls it: the body's bytes (hashed into the event id) beside the parsed JSON. */
const raw = (body: unknown): Buffer => Buffer.from(JSON.stringify(body));
const parseJiraDelivery = (body: unknown, headers: JiraHeaders) => parseJson(body, headers, raw(body));
const TIMESTAMP = 1_793_000_000_000;

const headers = { 'x-atlassian-webhook-identifier': '8c5b2c3e-5f1a-4c1b-9a53-1d2e3f4a5b6c', 'x-atlassian-webhook-retry': '2' };
const issue = { id: '10301', key: 'SUP-301', fields: { summary: 'Foutmelding', status: { name: 'New' } } };

describe('parseJiraDelivery', () => {
  it('reduces an issue update to the delivery shape, with the changelog and the retry count', () => {
    const body = {
      timestamp: TIMESTAMP,
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_generic',
      user: { accountId: '557058:agent' },
      issue,
      changelog: { id: '10500', items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10019', fromString: 'New', to: '10020', toString: 'Approved' }] },
    };
    const result = parseJiraDelivery(body, headers);
    expect(result).toEqual({
      ok: true,
      delivery: {
        deliveryId: headers['x-atlassian-webhook-identifier'],
        eventId: `sha256:${createHash('sha256').update(raw(body)).digest('hex')}`,
        eventType: 'jira:issue_updated',
        ticketId: 'SUP-301',
        issueId: '10301',
        issue,
        occurredAt: TIMESTAMP,
        actorAccountId: '557058:agent',
        retry: 2,
        changelog: [{ field: 'status', fieldId: 'status', from: '10019', fromString: 'New', to: '10020', toString: 'Approved' }],
      },
    });
  });

  it("takes a comment's author as the actor when the event names no user", () => {
    const result = parseJiraDelivery({ timestamp: TIMESTAMP, webhookEvent: 'comment_created', issue, comment: { id: 77, author: { accountId: 'qm:customer' }, body: 'x', jsdPublic: true } }, headers);
    expect(result).toMatchObject({ ok: true, delivery: { actorAccountId: 'qm:customer', comment: { id: '77', public: true } } });
  });

  it.each([
    ['no identifier header', { timestamp: TIMESTAMP, webhookEvent: 'jira:issue_created', issue }, {}, 'headers.x-atlassian-webhook-identifier'],
    ['no webhookEvent', { timestamp: TIMESTAMP, issue }, headers, 'webhookEvent'],
    ['an issue without a key', { timestamp: TIMESTAMP, webhookEvent: 'jira:issue_created', issue: { id: '1' } }, headers, 'issue.key'],
    ['no timestamp (the only signed time, so the replay window needs it)', { webhookEvent: 'jira:issue_created', issue }, headers, 'timestamp'],
    ['a timestamp that is not epoch milliseconds', { timestamp: '2026-11-27T10:00:00Z', webhookEvent: 'jira:issue_created', issue }, headers, 'timestamp'],
    ['a body that is an array', [], headers, '(body)'],
  ])('refuses a delivery with %s, naming the path', (_label, body, given, path) => {
    const result = parseJiraDelivery(body, given);
    expect(result).toMatchObject({ ok: false, reason: 'invalid', issues: [expect.objectContaining({ path })] });
  });

  it('gives one event id to the same signed bytes under any identifier, and another to other bytes', () => {
    const body = { timestamp: TIMESTAMP, webhookEvent: 'jira:issue_created', issue };
    const first = parseJiraDelivery(body, headers);
    const replayed = parseJiraDelivery(body, { ...headers, 'x-atlassian-webhook-identifier': 'forged-fresh-identifier' });
    const later = parseJiraDelivery({ ...body, timestamp: TIMESTAMP + 1 }, headers);
    if (!first.ok || !replayed.ok || !later.ok) throw new Error('expected all three to parse');
    expect(replayed.delivery.deliveryId).not.toBe(first.delivery.deliveryId);
    expect(replayed.delivery.eventId).toBe(first.delivery.eventId);
    expect(later.delivery.eventId).not.toBe(first.delivery.eventId);
  });

  it('leaves events InScope does not act on to be acknowledged', () => {
    expect(parseJiraDelivery({ webhookEvent: 'jira:issue_deleted', issue }, headers)).toEqual({ ok: false, reason: 'unsupported', eventType: 'jira:issue_deleted' });
  });
});
