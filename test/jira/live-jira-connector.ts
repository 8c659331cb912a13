// The live connector for Jira tests: the real service (HTTP server, SQLite store, worker pool) on
// an anchored clock, signed Jira admin-webhook deliveries, and a nock double of Jira Cloud and JSM
// that answers with Atlassian's documented shapes and records every write in order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { expect } from 'vitest';
import { signJiraDelivery } from '../../connectors/jira/webhook/verify-jira-signature.js';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { asJiraIssue, freshZendesk, JIRA_SITE, root } from '../helpdesk-port/same-request.js';
import { anchoredClock } from '../helpers/anchored-clock.js';
import { TEST_APP_ID, type ForgeKeyServer } from '../http/forge-test-keys.js';
import { settleQueue } from '../helpers/settle-queue.js';

export const SECRET = 'jira-webhook-secret-for-tests';
export const PREVIOUS = 'jira-webhook-secret-before-rotation';
export const BOT = '712020:inscope-bot';
/** The service's clock; Jira stamps each event a minute before it arrives. */
export const NOW = '2026-11-27T10:00:00.000Z';
export const EVENT_AT = Date.parse(NOW) - 60_000;
export const TRANSITIONS = {
  transitions: [
    { id: '11', name: 'Mark as new', to: { id: '10019', name: 'New' } },
    { id: '21', name: 'Approve', to: { id: '10020', name: 'Approved' } },
    { id: '31', name: 'Resolve', to: { id: '10030', name: 'Resolved' } },
  ],
};

/**
 * The same workflow where the transitions to New and Approved show a screen with the Category field
 * and Labels, as Get issue's `expand=transitions,transitions.fields` lists it (docs/jira-setup.md).
 */
export const SCREENED_TRANSITIONS = {
  transitions: TRANSITIONS.transitions.map((t) => ({
    ...t,
    hasScreen: t.id !== '31',
    fields: t.id === '31' ? {} : {
      customfield_10050: { required: false, schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: 10050 }, name: 'Category', key: 'customfield_10050', hasDefaultValue: false, operations: ['set'] },
      labels: { required: false, schema: { type: 'array', items: 'string', system: 'labels' }, name: 'Labels', key: 'labels', hasDefaultValue: false, operations: ['add', 'set', 'remove'] },
    },
  })),
};

export type Issue = ReturnType<typeof asJiraIssue>;

/** The running service; set by `start`, a live binding for the test files that import it. */
export let service: Service;
let dir: string;
let identifier = 0;

export function jiraIssue(zendeskId: number): Issue {
  return asJiraIssue(freshZendesk(zendeskId));
}

export function payload(event: string, issue: Issue, extra: Record<string, unknown> = {}) {
  return {
    timestamp: EVENT_AT,
    webhookEvent: event,
    issue_event_type_name: event === 'jira:issue_created' ? 'issue_created' : 'issue_generic',
    user: { accountId: 'qm:381001', accountType: 'customer', displayName: 'Anouk Jansen' },
    issue,
    ...extra,
  };
}

export async function post(body: unknown, options: { secret?: string; headers?: Record<string, string>; raw?: string; id?: string } = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  return fetch(`${service.url}/webhooks/jira`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-hub-signature': signJiraDelivery(options.secret ?? SECRET, raw),
      'x-atlassian-webhook-identifier': options.id ?? `wh-${++identifier}`,
      'x-atlassian-webhook-retry': '0',
      ...options.headers,
    },
    body: raw,
  });
}

export function settle(): Promise<void> {
  return settleQueue(service);
}

/** Records every Jira write in order, as `METHOD path body`. */
export function jiraDouble(issue: Issue, options: { transitions?: unknown; commentStatus?: number[]; attachmentStatus?: number[] } = {}) {
  const writes: { call: string; body: unknown }[] = [];
  const scope = nock(JIRA_SITE);
  // Get issue with `expand=transitions` lists what Get transitions would answer.
  const offered = (options.transitions ?? TRANSITIONS) as { transitions?: unknown };
  scope.get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields).includes('summary')).reply(200, (uri) => (new URL(uri, JIRA_SITE).searchParams.get('expand')?.split(',').includes('transitions') ? { ...issue, transitions: offered.transitions ?? [] } : issue));
  scope.get(`/rest/api/3/issue/${issue.key}`).query((q) => String(q.fields) === 'updated,labels').reply(200, { id: issue.id, key: issue.key, fields: { updated: issue.fields['updated'], labels: issue.fields['labels'] } });
  scope.get(`/rest/api/3/issue/${issue.key}/transitions`).query({ expand: 'transitions.fields' }).optionally().reply(200, options.transitions ?? TRANSITIONS);
  scope.put(`/rest/api/3/issue/${issue.key}`, (b) => writes.push({ call: 'PUT issue', body: b }) > 0).optionally().times(2).reply(204);
  scope.post(`/rest/api/3/issue/${issue.key}/transitions`, (b) => writes.push({ call: 'POST transitions', body: b }) > 0).optionally().reply(204);
  // JSM's customer-visible attachments: the request's service desk, the temporary upload, the request attachment.
  scope.get(`/rest/servicedeskapi/request/${issue.key}`).optionally().reply(200, { issueId: issue.id, issueKey: issue.key, serviceDeskId: '7', requestTypeId: '25' });
  scope
    // nock hands a binary multipart body over as hex.
    .post('/rest/servicedeskapi/servicedesk/7/attachTemporaryFile', (b: string) => writes.push({ call: 'POST attachTemporaryFile', body: /filename="([^"]+)"/.exec(/^[0-9a-f]+$/i.test(b) ? Buffer.from(b, 'hex').toString('latin1') : b)?.[1] }) > 0)
    .optionally()
    .reply(201, { temporaryAttachments: [{ temporaryAttachmentId: 'temp-1', fileName: 'proposal.pdf' }] });
  for (const status of options.attachmentStatus ?? [201]) {
    scope
      .post(`/rest/servicedeskapi/request/${issue.key}/attachment`, (b) => writes.push({ call: status === 201 ? 'POST request attachment' : `POST request attachment ${status}`, body: b }) > 0)
      .optionally()
      .reply(status, status === 201 ? { comment: { id: '40003', public: true } } : { errorMessage: 'Rate limit exceeded.' }, status === 429 ? { 'Retry-After': '3' } : {});
  }
  for (const status of options.commentStatus ?? [201]) {
    scope
      .post(`/rest/servicedeskapi/request/${issue.key}/comment`, (b) => writes.push({ call: `POST comment ${status}`, body: b }) > 0)
      .optionally()
      .reply(status, status === 201 ? { id: '40001', public: false } : { errorMessage: 'Rate limit exceeded.' }, status === 429 ? { 'Retry-After': '3' } : {});
  }
  return writes;
}

export async function start(env: Record<string, string> = {}, forge: ForgeKeyServer | null = null) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-jira-'));
  service = await startService({
    settings: readSettings({
      PORT: '0',
      HOST: '127.0.0.1',
      INSCOPE_CONFIG: path.join(root, 'examples/coverage.yaml'),
      DATABASE_URL: path.join(dir, 'inscope.db'),
      JIRA_SITE_URL: JIRA_SITE,
      JIRA_EMAIL: 'inscope@veldhuis-software.nl',
      JIRA_API_TOKEN: 'jira-api-token-for-tests',
      JIRA_WEBHOOK_SECRET: SECRET,
      JIRA_WEBHOOK_SECRET_PREVIOUS: PREVIOUS,
      JIRA_BOT_ACCOUNT_ID: BOT,
      INSCOPE_WORKERS: '1',
      ...env,
    }),
    now: anchoredClock(NOW),
    forge: forge ? { appId: TEST_APP_ID, jwksUrl: forge.jwksUrl, installations: [] } : null,
    delayScale: 0.001,
    pollMs: 2,
    retryBaseMs: 1,
  });
}

export async function stop() {
  await service.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

export const decisionLabel = expect.stringMatching(/^inscope_d_[0-9a-f]{8}$/);

/**
 * The write ledger a category edit or a transition carries in the same call (the `inscope.writes`
 * issue property, connectors/jira/jira-write-ledger.ts): the steps it marks done and the comment
 * the write is about to post.
 */
export function ledger(...done: string[]) {
  return [{ key: 'inscope.writes', value: { key: expect.stringMatching(/^[0-9a-f]{16}$/), since: expect.any(String), done, comment: { body: expect.any(String), public: expect.any(Boolean) } } }];
}

export type Write = { call: string; body: unknown };
type LabelUpdate = { update: { labels: { add?: string; remove?: string }[] } };

/**
 * Jira as it is after the first triage: answers the issue with the fields InScope's writes set
 * (category, status through a transition, labels), so later reads see what Jira would show.
 */
export function jiraAsItNowIs(issue: Issue, fields: Record<string, unknown>, options: { participants?: { accountId: string; displayName: string }[] } = {}) {
  const current: Record<string, unknown> = { ...issue.fields, ...fields };
  const writes: Write[] = [];
  const labels = () => current['labels'] as string[];
  const scope = nock(JIRA_SITE).persist();
  scope.get(`/rest/api/3/issue/${issue.key}`).query(true).reply((uri) => {
    const only = new URL(uri, JIRA_SITE).searchParams.get('fields') === 'updated,labels';
    return [200, only ? { id: issue.id, key: issue.key, fields: { updated: current['updated'], labels: labels() } } : { ...issue, fields: current }];
  });
  scope.get(`/rest/api/3/issue/${issue.key}/transitions`).query({ expand: 'transitions.fields' }).reply(200, TRANSITIONS);
  scope.put(`/rest/api/3/issue/${issue.key}`, (b: { fields?: Record<string, unknown> } & Partial<LabelUpdate>) => {
    writes.push({ call: 'PUT issue', body: b });
    Object.assign(current, b.fields ?? {});
    for (const l of b.update?.labels ?? []) current['labels'] = l.add ? [...labels(), l.add] : labels().filter((x) => x !== l.remove);
    return true;
  }).reply(204);
  scope.post(`/rest/api/3/issue/${issue.key}/transitions`, (b: { transition: { id: string } }) => {
    writes.push({ call: 'POST transitions', body: b });
    current['status'] = { name: TRANSITIONS.transitions.find((t) => t.id === b.transition.id)!.to.name };
    return true;
  }).reply(204);
  scope.post(`/rest/servicedeskapi/request/${issue.key}/comment`, (b) => writes.push({ call: 'POST comment', body: b }) > 0).reply(201, { id: '40011', public: false });
  // JSM's request participants (GET request/{key}/participant), asked only for a reply not by the reporter.
  const participants = (options.participants ?? []).map((p) => ({ ...p, accountType: 'customer' }));
  scope.get(`/rest/servicedeskapi/request/${issue.key}/participant`).query(true).optionally().reply(200, { size: participants.length, start: 0, limit: 50, isLastPage: true, values: participants });
  return { writes, current };
}

/** The labels InScope's edits added, in order. */
export function addedLabels(writes: Write[]): string[] {
  return writes.filter((w) => w.call === 'PUT issue' && (w.body as Partial<LabelUpdate>).update).flatMap((w) => (w.body as LabelUpdate).update.labels.flatMap((l) => (l.add ? [l.add] : [])));
}
