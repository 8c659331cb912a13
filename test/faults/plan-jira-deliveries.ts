// The fault suite's stand-in for Jira's admin-webhook sender: per issue an issue_created, an
// issue_updated (a field changed), a customer's comment_created and another issue_updated, signed
// as Jira signs them (`X-Hub-Signature: sha256=<hex HMAC of the raw body>`). Jira retries under the
// same `X-Atlassian-Webhook-Identifier` with `X-Atlassian-Webhook-Retry` counting up (duplicates);
// replays re-send a body under a new identifier later. The event id the store dedupes on is the
// body's hash (jiraBodyEventId), so either way one event is stored once. Atlassian, "Webhooks":
// "Secure admin webhooks" and "Retry policy".
import { randomUUID } from 'node:crypto';
import { jiraBodyEventId } from '../../connectors/jira/webhook/jira-delivery.js';
import { signJiraDelivery } from '../../connectors/jira/webhook/verify-jira-signature.js';
import type { FakeJiraIssue } from '../helpers/fake-jira.js';
import type { DeliveryPlan, PlannedDelivery } from './drive-deliveries.js';
import { shuffle } from './drive-deliveries.js';

export interface JiraPlanOptions {
  readonly secret: string;
  readonly issues: readonly FakeJiraIssue[];
  /** Issue keys Jira does not know (answers 404): their deliveries must end in the dead letters. */
  readonly missingKeys: readonly string[];
  readonly duplicateShare: number;
  readonly replayShare: number;
  readonly random: () => number;
}

export const JIRA_EVENTS_PER_ISSUE = 4;
const CUSTOMER = { accountId: 'qm:381001', accountType: 'customer', displayName: 'Anouk Jansen' };

function bodies(issue: FakeJiraIssue, at: number): { label: string; body: unknown }[] {
  const reduced = { id: issue.id, key: issue.key, fields: { summary: issue.fields['summary'], status: issue.fields['status'] } };
  return [
    { label: 'jira:issue_created', body: { timestamp: at, webhookEvent: 'jira:issue_created', issue_event_type_name: 'issue_created', user: CUSTOMER, issue } },
    { label: 'jira:issue_updated', body: { timestamp: at + 1, webhookEvent: 'jira:issue_updated', issue_event_type_name: 'issue_generic', user: CUSTOMER, issue, changelog: { items: [{ field: 'Version', fieldId: 'customfield_10011', fromString: null, toString: '10.2' }] } } },
    { label: 'comment_created', body: { timestamp: at + 2, webhookEvent: 'comment_created', user: CUSTOMER, issue: reduced, comment: { id: String(60_000 + at % 1000), author: CUSTOMER, body: 'Aanvullende informatie volgt.', jsdPublic: true } } },
    { label: 'jira:issue_updated', body: { timestamp: at + 3, webhookEvent: 'jira:issue_updated', issue_event_type_name: 'issue_generic', user: CUSTOMER, issue, changelog: { items: [{ field: 'priority', fromString: 'Low', toString: 'Medium' }] } } },
  ];
}

export function planJiraDeliveries(options: JiraPlanOptions): DeliveryPlan {
  const at = Date.now();
  const signed = (kind: PlannedDelivery['kind'], label: string, key: string, raw: string, identifier: string, retry: number): PlannedDelivery => ({
    kind, label, ticketId: key, eventId: jiraBodyEventId(Buffer.from(raw)), invocationId: identifier, body: raw, path: '/webhooks/jira',
    headers: () => ({ 'content-type': 'application/json', 'x-hub-signature': signJiraDelivery(options.secret, raw), 'x-atlassian-webhook-identifier': identifier, 'x-atlassian-webhook-retry': String(retry) }),
  });
  const missing = options.missingKeys.map((key, i): FakeJiraIssue => ({ id: String(99_000 + i), key, fields: { summary: 'Bestaat niet meer', status: { name: 'New' } } }));
  const firsts: PlannedDelivery[] = [];
  for (const issue of [...options.issues, ...missing]) {
    for (const { label, body } of bodies(issue, at)) firsts.push(signed('first', label, issue.key, JSON.stringify(body), randomUUID(), 0));
  }
  const pick = (share: number) => firsts.filter(() => options.random() < share);
  const duplicates = pick(options.duplicateShare).map((d) => signed('duplicate', d.label, String(d.ticketId), d.body, d.invocationId, 1));
  const replays = pick(options.replayShare).map((d) => signed('replay', d.label, String(d.ticketId), d.body, randomUUID(), 0));
  return { main: shuffle([...firsts, ...duplicates], options.random), replays: shuffle(replays, options.random) };
}
