// The Zendesk and Jira harnesses for the helpdesk-port contract: each stubs its helpdesk's REST API
// with nock for an example request and reads the writes back in logical terms.
import nock from 'nock';
import type { Category, Status } from '../../rules/index.js';
import { loadConfig } from '../../connectors/config/load-config.js';
import { createJiraClient } from '../../connectors/jira/client/create-jira-client.js';
import { createJiraHelpdesk } from '../../connectors/jira/create-jira-helpdesk.js';
import { createZendeskClient } from '../../connectors/zendesk/client/create-zendesk-client.js';
import { createZendeskHelpdesk } from '../../connectors/zendesk/create-zendesk-helpdesk.js';
import { mockZendeskTicketRead } from '../helpers/nock-zendesk-ticket-read.js';
import type { LogicalWrites, PortHarness, TicketSetup } from './helpdesk-port-contract.js';
import { asJiraIssue, freshZendesk, JIRA_SITE, jiraKeyFor, root, viaRequester, ZENDESK_FIELDS, ZENDESK_SITE } from './same-request.js';

const loaded = await loadConfig(`${root}/examples/coverage.yaml`);
export const config = loaded.config;
const zendeskMapping = config.helpdesks!.zendesk!;
const jiraMapping = config.helpdesks!.jira!;
const noPacing = { acquire: async () => {}, observe: () => {} };
const instant = async () => {};

function invert<K extends string>(map: Readonly<Record<K, string | number>>, value: unknown): K | undefined {
  return (Object.keys(map) as K[]).find((k) => String(map[k]) === String(value));
}

// ---------- Zendesk ----------

function zendeskTicket(exampleId: number, setup: TicketSetup = {}) {
  const example = freshZendesk(exampleId);
  const ticket = {
    ...example.ticket,
    ...(setup.status && { custom_status_id: zendeskMapping.statuses[setup.status] }),
    ...(setup.tags && { tags: [...setup.tags] }),
    custom_fields: example.ticket.custom_fields.map((f) => (f.id === ZENDESK_FIELDS.category && setup.category ? { ...f, value: zendeskMapping.categories[setup.category] } : f)),
  };
  return { example, ticket };
}

function mockZendeskLoad(exampleId: number, setup?: TicketSetup) {
  const { example, ticket } = zendeskTicket(exampleId, setup);
  // An example that came by e-mail names its requester only as the sender; Zendesk sideloads them as
  // the author of the audit that created the ticket.
  const sender = viaRequester(example);
  const users = example.users ?? (sender ? [sender] : []);
  mockZendeskTicketRead(ZENDESK_SITE, { ticket, users, organizations: example.organizations ?? [], comments: example.comments ?? [] });
  // An example without its organization's record: the adapter's read of it finds none.
  if (example.organizations === undefined && ticket.organization_id !== null) {
    nock(ZENDESK_SITE).get(`/api/v2/organizations/${ticket.organization_id}.json`).optionally().reply(404, { error: 'RecordNotFound', description: 'Not found' });
  }
  return ticket;
}

export const zendeskHarness: PortHarness = {
  name: 'zendesk',
  port: () =>
    createZendeskHelpdesk(
      createZendeskClient({ subdomain: 'acme', auth: { email: 'bot@veldhuis-software.nl', apiToken: 'zendesk-token-for-tests' }, pacer: noPacing, incrementalPacer: noPacing, sleep: instant }),
      zendeskMapping,
    ),
  ticketId: (id) => String(id),
  mockLoad: (id, setup) => {
    mockZendeskLoad(id, setup);
  },
  mockApply(id, setup) {
    const ticket = mockZendeskLoad(id, setup);
    const writes: LogicalWrites = { comments: [] };
    nock(ZENDESK_SITE)
      .put(`/api/v2/tickets/${id}.json`, (body: { ticket: Record<string, unknown> }) => {
        const t = body.ticket;
        const category = (t['custom_fields'] as { id: number; value: unknown }[] | undefined)?.find((f) => f.id === ZENDESK_FIELDS.category);
        if (category) writes.category = invert<Category>(zendeskMapping.categories, category.value)!;
        if (t['custom_status_id'] !== undefined) writes.status = invert<Status>(zendeskMapping.statuses, t['custom_status_id'])!;
        if (t['tags'] !== undefined) writes.tags = t['tags'] as string[];
        if (t['comment']) writes.comments.push(t['comment'] as { body: string; public: boolean });
        return true;
      })
      .reply(200, { ticket, audit: { id: 1, events: [] } });
    return { writes: () => writes };
  },
  mockConflict(id) {
    mockZendeskLoad(id);
    nock(ZENDESK_SITE).put(`/api/v2/tickets/${id}.json`).reply(409, { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data.' });
  },
  mockRateLimited(id, retryAfterSec) {
    mockZendeskLoad(id);
    nock(ZENDESK_SITE).put(`/api/v2/tickets/${id}.json`).times(10).reply(429, { error: 'TooManyRequests' }, { 'Retry-After': String(retryAfterSec) });
  },
};

// ---------- Jira ----------

const TRANSITIONS = [
  { id: '11', name: 'Mark as new', to: { id: '10019', name: jiraMapping.statuses.new } },
  { id: '21', name: 'Approve', to: { id: '10020', name: jiraMapping.statuses.approved } },
];

function jiraIssue(exampleId: number, setup: TicketSetup = {}) {
  return asJiraIssue(freshZendesk(exampleId), {
    ...(setup.status && { status: jiraMapping.statuses[setup.status] }),
    ...(setup.category && { category: jiraMapping.categories[setup.category] }),
    ...(setup.tags && { labels: setup.tags }),
  });
}

function mockJiraLoad(exampleId: number, setup?: TicketSetup) {
  const issue = jiraIssue(exampleId, setup);
  nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields).includes('summary')).reply(200, issue);
  return issue;
}

function mockJiraReread(issue: ReturnType<typeof jiraIssue>, updated = issue.fields['updated']) {
  nock(JIRA_SITE)
    .get(`/rest/api/3/issue/${issue.key}`)
    .query((q) => String(q.fields) === 'updated,labels')
    .reply(200, { id: issue.id, key: issue.key, fields: { updated, labels: issue.fields['labels'] } });
}

/** The Jira adapter's clock: how old the load is when the apply comes. */
let jiraNow = Date.parse('2026-11-27T09:00:00Z');

export const jiraHarness: PortHarness = {
  name: 'jira',
  port: () =>
    createJiraHelpdesk(
      createJiraClient({ siteUrl: JIRA_SITE, auth: { email: 'inscope@veldhuis-software.nl', apiToken: 'jira-token-for-tests' }, pacer: noPacing, sleep: instant }),
      jiraMapping,
      { now: () => jiraNow },
    ),
  ticketId: jiraKeyFor,
  mockLoad: (id, setup) => {
    mockJiraLoad(id, setup);
  },
  mockApply(id, setup) {
    // The apply follows the load at once: the load's labels, `updated` and ledger serve, no re-read.
    const issue = mockJiraLoad(id, setup);
    const labels = [...(issue.fields['labels'] as string[])];
    const writes: LogicalWrites = { comments: [] };
    const scope = nock(JIRA_SITE);
    scope.get(`/rest/api/3/issue/${issue.key}/transitions`).query({ expand: 'transitions.fields' }).optionally().reply(200, { transitions: TRANSITIONS });
    scope
      .put(`/rest/api/3/issue/${issue.key}`, (body: { fields?: Record<string, { value: string }>; update?: { labels?: { add?: string; remove?: string }[] } }) => {
        const option = body.fields?.[jiraMapping.categoryField];
        if (option) writes.category = invert<Category>(jiraMapping.categories, option.value)!;
        if (body.update?.labels) {
          for (const verb of body.update.labels) {
            if (verb.add !== undefined && !labels.includes(verb.add)) labels.push(verb.add);
            if (verb.remove !== undefined) labels.splice(labels.indexOf(verb.remove), 1);
          }
          writes.tags = [...labels];
        }
        return true;
      })
      .optionally()
      .times(2)
      .reply(204);
    scope
      .post(`/rest/api/3/issue/${issue.key}/transitions`, (body: { transition: { id: string } }) => {
        const name = TRANSITIONS.find((t) => t.id === body.transition.id)?.to.name;
        writes.status = invert<Status>(jiraMapping.statuses, name)!;
        return true;
      })
      .optionally()
      .reply(204);
    scope
      .post(`/rest/servicedeskapi/request/${issue.key}/comment`, (body: { body: string; public: boolean }) => writes.comments.push(body) > 0)
      .optionally()
      .reply(201, { id: '40001' });
    return { writes: () => writes };
  },
  mockConflict(id) {
    // Jira's writes take no expected version, so only a read sees a change: the decision took
    // longer than the adapter's freshForMs (2 s), so the apply reads again and finds `updated` moved.
    const issue = jiraIssue(id);
    nock(JIRA_SITE).get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields).includes('summary')).reply(200, () => ((jiraNow += 60_000), issue));
    mockJiraReread(issue, '2026-11-27T10:00:00.000+0000');
  },
  mockRateLimited(id, retryAfterSec) {
    const issue = mockJiraLoad(id);
    nock(JIRA_SITE).put(`/rest/api/3/issue/${issue.key}`).times(10).reply(429, { errorMessages: ['Rate limit exceeded.'] }, { 'Retry-After': String(retryAfterSec) });
  },
};
