// Property tests for the webhook delivery parsers: arbitrary JSON and headers never throw, and the
// answer is either a delivery whose fields have the documented types, an unsupported event type,
// or a list of issues that each name a path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JIRA_EVENT_TYPES, type JiraDelivery } from '../../connectors/jira/webhook/jira-delivery.js';
import { parseJiraDelivery } from '../../connectors/jira/webhook/parse-jira-delivery.js';
import { parseZendeskDelivery } from '../../connectors/zendesk/webhook/parse-zendesk-delivery.js';
import { ZENDESK_EVENT_TYPES, type ZendeskDelivery } from '../../connectors/zendesk/webhook/zendesk-delivery.js';
import { loadWebhookFixture } from '../zendesk/webhook/load-webhook-fixture.js';
import { anyHeaders, anyJson, mutated } from './json-mutations.js';
import { runs } from './property-runs.js';

const ID = /^\d+$/;
const ZENDESK_BODIES = ['event-ticket-created.json', 'event-ticket-status-changed.json', 'event-ticket-custom-field-changed.json', 'event-ticket-comment-added.json', 'trigger-ticket-updated.json'].map((name) => loadWebhookFixture(name).json);
const ZENDESK_HEADERS = { 'x-zendesk-webhook-invocation-id': '01HINVOCATION', 'x-zendesk-account-id': '21234567' };
const JIRA_ISSUE = { id: '10301', key: 'SUP-301', fields: { summary: 'Foutmelding', labels: ['finance'], customfield_10010: { requestType: { id: '12' } } } };
const JIRA_BODIES = [
  { timestamp: 1_764_237_600_000, webhookEvent: 'jira:issue_created', user: { accountId: '5b10ac8d82e05b22cc7d4ef5' }, issue: JIRA_ISSUE },
  { timestamp: 1_764_237_600_000, webhookEvent: 'jira:issue_updated', user: { accountId: 'a' }, issue: JIRA_ISSUE, changelog: { id: '1', items: [{ field: 'status', fieldId: 'status', from: '1', fromString: 'Open', to: '3', toString: 'Done' }] } },
  { timestamp: 1_764_237_600_000, webhookEvent: 'comment_created', issue: JIRA_ISSUE, comment: { id: 77, author: { accountId: 'qm:customer' }, body: 'x', jsdPublic: true } },
];
/** The signed bytes a parsed body stands for; the parser only hashes them. */
const raw = (body: unknown): Buffer => Buffer.from(JSON.stringify(body) ?? '');
const JIRA_HEADERS = { 'x-atlassian-webhook-identifier': 'd2f4f1f0-0001', 'x-atlassian-webhook-retry': '2' };

const isIso = (value: unknown) => typeof value === 'string' && new Date(value).toISOString() === value;
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);
const isText = (v: unknown) => typeof v === 'string';
const isId = (v: unknown) => typeof v === 'string' && ID.test(v);
const noUndefinedProperties = (value: object) => Object.values(value).every((v) => v !== undefined);

/** Problems with a Zendesk delivery's shape, against the types in zendesk-delivery.ts; empty when it is right. */
function zendeskShapeProblems(d: ZendeskDelivery): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => (ok ? undefined : problems.push(what));
  check(d.kind === 'event' || d.kind === 'trigger', 'kind');
  check(isId(d.accountId), 'accountId');
  check(isText(d.deliveryId) && d.deliveryId.trim() !== '', 'deliveryId');
  check(isText(d.eventId) && d.eventId.trim() !== '', 'eventId');
  check((ZENDESK_EVENT_TYPES as readonly string[]).includes(d.eventType), 'eventType');
  check(isId(d.ticketId), 'ticketId');
  check(isIso(d.occurredAt), 'occurredAt');
  check(optional(d.actorId, isId), 'actorId');
  check(noUndefinedProperties(d), 'undefined property');
  const t = d.ticket;
  if (t !== undefined) {
    check(noUndefinedProperties(t), 'ticket: undefined property');
    for (const key of ['subject', 'description', 'via'] as const) check(optional(t[key], isText), `ticket.${key}`);
    for (const key of ['status', 'priority'] as const) check(optional(t[key], (v) => isText(v) && v === (v as string).trim().toLowerCase() && v !== ''), `ticket.${key}`);
    for (const key of ['customStatusId', 'organizationId', 'requesterId'] as const) check(optional(t[key], isId), `ticket.${key}`);
    for (const key of ['createdAt', 'updatedAt'] as const) check(optional(t[key], isIso), `ticket.${key}`);
    check(optional(t.tags, (v) => Array.isArray(v) && v.every((tag) => isText(tag) && tag !== '' && tag === tag.trim())), 'ticket.tags');
    check(
      optional(t.customFields, (v) =>
        Array.isArray(v) &&
        v.every((f: { id: unknown; value: unknown }) =>
          isId(f.id) && (f.value === null || ['string', 'number', 'boolean'].includes(typeof f.value) || (Array.isArray(f.value) && f.value.every(isText))),
        ),
      ),
      'ticket.customFields',
    );
  }
  const c = d.comment;
  if (c !== undefined) {
    check(noUndefinedProperties(c), 'comment: undefined property');
    check(optional(c.authorId, isId) && optional(c.body, isText) && optional(c.public, (v) => typeof v === 'boolean'), 'comment');
  }
  return problems;
}

function jiraShapeProblems(d: JiraDelivery): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => (ok ? undefined : problems.push(what));
  check(isText(d.deliveryId) && d.deliveryId !== '', 'deliveryId');
  check(/^sha256:[0-9a-f]{64}$/.test(d.eventId), 'eventId');
  check((JIRA_EVENT_TYPES as readonly string[]).includes(d.eventType), 'eventType');
  check(/^[A-Z][A-Z0-9_]*-\d+$/.test(d.ticketId) && d.issue.key === d.ticketId, 'ticketId');
  check(isText(d.issueId) && d.issueId.trim() !== '' && d.issue.id === d.issueId, 'issueId');
  check(typeof d.issue.fields === 'object' && d.issue.fields !== null && !Array.isArray(d.issue.fields), 'issue.fields');
  check(Number.isSafeInteger(d.occurredAt) && d.occurredAt >= 0, 'occurredAt');
  check(optional(d.actorAccountId, isText), 'actorAccountId');
  check(optional(d.retry, (v) => Number.isInteger(v) && (v as number) >= 0), 'retry');
  check(noUndefinedProperties(d), 'undefined property');
  check(
    optional(d.changelog, (v) =>
      Array.isArray(v) &&
      v.every((item: Record<string, unknown>) =>
        isText(item['field']) && noUndefinedProperties(item) &&
        ['fieldId', 'from', 'fromString', 'to', 'toString'].every((k) => item[k] === undefined || item[k] === null || isText(item[k])),
      ),
    ),
    'changelog',
  );
  check(optional(d.comment, (v) => noUndefinedProperties(v as object) && optional((v as { id?: unknown }).id, isText) && optional((v as { public?: unknown }).public, (p) => typeof p === 'boolean')), 'comment');
  return problems;
}

function expectIssuesWithPaths(issues: readonly { path: unknown; message: unknown }[]): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(typeof issue.path === 'string' && issue.path !== '').toBe(true);
    expect(typeof issue.message === 'string' && issue.message !== '').toBe(true);
  }
}

const zendeskBody = fc.oneof({ weight: 1, arbitrary: anyJson }, { weight: 4, arbitrary: mutated(ZENDESK_BODIES) });
const jiraBody = fc.oneof({ weight: 1, arbitrary: anyJson }, { weight: 4, arbitrary: mutated(JIRA_BODIES) });
const zendeskHeaders = fc.oneof({ weight: 3, arbitrary: fc.constant<Record<string, unknown>>(ZENDESK_HEADERS) }, { weight: 1, arbitrary: anyHeaders });
const jiraHeaders = fc.oneof({ weight: 3, arbitrary: fc.constant<Record<string, unknown>>(JIRA_HEADERS) }, { weight: 1, arbitrary: anyHeaders });

describe('parseZendeskDelivery under hostile JSON', () => {
  it('parses every unchanged fixture', () => {
    for (const body of ZENDESK_BODIES) expect(parseZendeskDelivery(body, ZENDESK_HEADERS).ok).toBe(true);
  });

  it('never throws; gives a well-typed delivery, an unsupported event type, or issues with paths', () => {
    fc.assert(
      fc.property(zendeskBody, zendeskHeaders, (body, headers) => {
        const result = parseZendeskDelivery(body, headers as Record<string, string>);
        if (result.ok) expect(zendeskShapeProblems(result.delivery)).toEqual([]);
        else if (result.reason === 'unsupported') expect(typeof result.eventType).toBe('string');
        else expectIssuesWithPaths(result.issues);
      }),
      runs(2000),
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('parseJiraDelivery under hostile JSON', () => {
  it('parses every unchanged example body', () => {
    for (const body of JIRA_BODIES) expect(parseJiraDelivery(body, JIRA_HEADERS, raw(body)).ok).toBe(true);
  });

  it.each([
    [255, true],
    [257, false],
    [100_000, false],
  ])('with issue fields nested %i levels deep, parses: %s', (depth, parses) => {
    const fields = JSON.parse(`{"customfield_1":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`) as Record<string, unknown>;
    // Any bytes do for the hash: stringifying 100,000 levels is what this test guards against.
    const result = parseJiraDelivery({ ...JIRA_BODIES[0], issue: { ...JIRA_ISSUE, fields } }, JIRA_HEADERS, Buffer.from('{}'));
    if (parses) expect(() => JSON.stringify(result)).not.toThrow();
    expect(result).toEqual(parses ? expect.objectContaining({ ok: true }) : { ok: false, reason: 'invalid', issues: [{ path: 'issue.fields', message: 'nested more than 256 levels deep' }] });
  });

  it('never throws; gives a well-typed delivery, an unsupported event type, or issues with paths', () => {
    fc.assert(
      fc.property(jiraBody, jiraHeaders, (body, headers) => {
        const result = parseJiraDelivery(body, headers as Record<string, string>, raw(body));
        if (result.ok) expect(jiraShapeProblems(result.delivery)).toEqual([]);
        else if (result.reason === 'unsupported') expect(typeof result.eventType).toBe('string');
        else expectIssuesWithPaths(result.issues);
      }),
      runs(2000),
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
