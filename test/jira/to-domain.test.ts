import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flattenAdf, jiraIssueToWorkItem, jiraObserved, type JiraIssue } from '../../connectors/jira/to-domain.js';

const page = JSON.parse(readFileSync(new URL('../fixtures/input/jira-search-page.json', import.meta.url), 'utf8')) as { issues: JiraIssue[] };
const [northwind, question] = page.issues as [JiraIssue, JiraIssue];

const fields = {
  product: 'customfield_10010',
  version: 'customfield_10011',
  module: 'customfield_10012',
  errorText: 'customfield_10013',
  steps: 'customfield_10014',
  organizations: 'customfield_10002',
};
const mapping = { categoryField: 'customfield_10050', categories: { call: 'Call', advisory: 'Advisory' }, statuses: { new: 'New', approved: 'Approved' } };

describe('jiraIssueToWorkItem', () => {
  it('maps a Jira Service Management issue from a search page to a work item', () => {
    expect(jiraIssueToWorkItem(northwind, { fields })).toEqual({
      id: 'SUP-231',
      subject: 'Webhook deliveries stopped after Connect 3.0 update',
      description: [
        'Since the update to Connect 3.0 our webhook deliveries fail.',
        'Ping @Support Team',
        '- error: HTTP 500 Signature header missing',
        '- see https://status.northwind.co.uk/incidents/42',
        '{"status":500}',
      ].join('\n'),
      createdAt: '2026-11-04T09:12:44.123+01:00',
      requesterEmail: 'oliver.hughes@northwind.co.uk',
      organizationId: '4',
      organizationName: 'Northwind Traders Ltd',
      tags: ['connect', 'urgent'],
      form: 'Support',
      priority: 'High',
      fields: { product: 'connect', version: '3.0', module: ['webhooks'], steps: '1. Create a shift\n2. Watch the delivery log' },
      attachments: [
        { filename: 'delivery-log.txt', contentType: 'text/plain', size: 2048 },
        { filename: 'screenshot.png', contentType: 'image/png', size: 88120 },
      ],
    });
  });

  it('keeps a plain-text description, and leaves out a missing reporter, organizations and empty fields', () => {
    const item = jiraIssueToWorkItem(question, { fields });
    expect(item.description).toBe('Hoe stel ik in Veldhuis Finance 10.2 de bankkoppeling in voor een tweede rekening?');
    expect(item).not.toHaveProperty('requesterEmail');
    expect(item).not.toHaveProperty('organizationId');
    expect(item.fields).toEqual({});
    expect(item.createdAt).toBe('2026-11-05T10:00:00.000+01:00');
  });

  it('gives a creation date that Date.parse reads as the same instant', () => {
    expect(Date.parse(jiraIssueToWorkItem(northwind, { fields }).createdAt)).toBe(Date.parse('2026-11-04T08:12:44.123Z'));
  });

  it('treats the organizations field as a custom field when the mapping does not name it', () => {
    const item = jiraIssueToWorkItem(northwind, { fields: { product: 'customfield_10010' } });
    expect(item).not.toHaveProperty('organizationName');
    expect(item.fields).toEqual({ product: 'connect' });
  });

  // Jira Cloud REST v3: `timespent` is the seconds logged (null when none), `timetracking` a
  // TimeTrackingDetails object whose `timeSpentSeconds` holds the same figure.
  it.each([
    ['timetracking', 'timetracking', { timetracking: { originalEstimate: '3h', originalEstimateSeconds: 10_800, timeSpent: '3h 45m', timeSpentSeconds: 13_500 } }, 13_500],
    ['timespent', 'timespent', { timespent: 13_500 }, 13_500],
    ['timetracking before anyone logged time', 'timetracking', { timetracking: { originalEstimate: '3h', originalEstimateSeconds: 10_800 } }, undefined],
    ['timespent before anyone logged time', 'timespent', { timespent: null }, undefined],
  ])('reads the logged seconds from %s, mapped under a logical name', (_, fieldId, raw, expected) => {
    const item = jiraIssueToWorkItem({ key: 'SUP-9', fields: { summary: 'x', created: '2026-11-05T10:00:00.000+0000', ...raw } }, { fields: { timeSpent: fieldId } });
    expect(item.fields['timeSpent']).toBe(expected);
  });

  it('falls back to the numeric id when an issue has no key, and refuses an issue with neither', () => {
    expect(jiraIssueToWorkItem({ id: '10233', fields: { summary: 'x', created: '2026-11-05T10:00:00.000+0000' } }, { fields }).id).toBe('10233');
    expect(() => jiraIssueToWorkItem({ fields: { summary: 'x' } }, { fields })).toThrow('no key or id');
  });
});

const li = (text: string) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('flattenAdf', () => {
  it.each([
    ['a string as it is', 'plain text', 'plain text'],
    ['nothing for null', null, ''],
    ['paragraphs as lines', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'één' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'twee' }] }] }, 'één\ntwee'],
    ['emoji by their text', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'emoji', attrs: { shortName: ':fire:', text: '🔥' } }] }] }, '🔥'],
    // https://developer.atlassian.com/cloud/jira/platform/apis/document/nodes/orderedList: attrs.order is the first number (default 1).
    ['an ordered list with its numbers, from attrs.order', { type: 'doc', content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Stappen:' }] },
      { type: 'orderedList', content: [li('queue openen'), li('Nest > Roteren aan')] },
      { type: 'orderedList', attrs: { order: 3 }, content: [li('de stickers overlappen')] },
    ] }, 'Stappen:\n1. queue openen\n2. Nest > Roteren aan\n3. de stickers overlappen'],
    ['a bullet list with its bullets', { type: 'doc', content: [{ type: 'bulletList', content: [li('Print 12.5.1'), li('Windows 11')] }] }, '- Print 12.5.1\n- Windows 11'],
    ['not more than one empty line', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a\n\n\n\nb' }] }] }, 'a\n\nb'],
  ])('gives %s', (_label, doc, expected) => {
    expect(flattenAdf(doc)).toBe(expected);
  });
});

describe('jiraObserved', () => {
  it('reads the category option and the status name as logical names', () => {
    expect(jiraObserved(northwind, mapping)).toEqual({ category: 'call', status: 'approved' });
  });

  it('passes on a status the mapping does not know and leaves out an empty category', () => {
    expect(jiraObserved(question, mapping)).toEqual({ status: 'Waiting for support' });
  });
});
