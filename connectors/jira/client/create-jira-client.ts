// The Jira Cloud and Jira Service Management client: jira.js 6 (`createCloudClient`,
// `createServiceDeskClient`) over one `Client.sendRequest` of our own, which paces requests per
// site (or through the `pacer` given, such as one shared by every instance), records every attempt
// for the audit log, turns jira.js errors into HelpdeskError and retries under Atlassian's policy
// (jira-retry-policy.ts). jira.js's own retry stays off.
// Every method throws HelpdeskError; vendor shapes are narrowed in jira-api-types.ts.
import { createCloudClient, createServiceDeskClient } from 'jira.js';
import { createClient, type Client, type SendRequestOptions } from 'jira.js/core';
import type { CallRecord } from '../../shared/call-record.js';
import { HelpdeskError } from '../../shared/helpdesk-error.js';
import { createTokenBucketPacer, type Pacer } from '../../shared/pacer.js';
import type {
  JiraAdminWebhook,
  JiraAdminWebhookInput,
  JiraEntityProperty,
  JiraField,
  JiraFieldContext,
  JiraFieldOption,
  JiraIssue,
  JiraIssueEdit,
  JiraProjectIssueTypeStatuses,
  JiraIssueWithTransitions,
  JiraSearchPage,
  JiraTransition,
} from './jira-api-types.js';
import { jiraInstantMs, type JiraRequestComment } from '../jira-write-ledger.js';
import { createJiraRetryPolicy, type JiraRetryOptions } from './jira-retry-policy.js';
import { toHelpdeskError } from './to-helpdesk-error.js';

export type JiraAuth = { readonly email: string; readonly apiToken: string } | { readonly bearerToken: string };

export interface JiraClientOptions {
  /** The bare site URL, e.g. `https://veldhuis.atlassian.net` (a nock host in tests). */
  readonly siteUrl: string;
  readonly auth: JiraAuth;
  /** Requests per minute this client paces itself to. Default 300. */
  readonly rateLimitPerMinute?: number;
  /** Paces every attempt and hears each 429's Retry-After (createSharedPacer); default: a token bucket per client. */
  readonly pacer?: Pacer;
  readonly retry?: Omit<JiraRetryOptions, 'delayScale' | 'sleep' | 'random'>;
  readonly delayScale?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly onCall?: (call: CallRecord) => void;
  /** jira.js checks every response against its schema: 'warn' (stderr), 'silent' or 'throw' (tests). Default 'silent'. */
  readonly onSchemaMismatch?: 'warn' | 'silent' | 'throw';
}

export interface JiraUploadFile {
  readonly filename: string;
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

export interface JiraClient {
  readonly siteUrl: string;
  /** `properties`: issue properties to return with the fields (in the issue's `properties`). */
  getIssue(key: string, fields: readonly string[], properties?: readonly string[]): Promise<JiraIssue>;
  editIssue(key: string, edit: JiraIssueEdit): Promise<void>;
  getTransitions(key: string): Promise<JiraTransition[]>;
  /**
   * `properties`: issue properties set in the same call as the transition; `edit`: the `fields` and
   * `update` its screen takes, in the same call too ("Transition issue": "if the transition has a
   * screen, updates the fields from the transition screen").
   */
  doTransition(key: string, transitionId: string, properties?: readonly JiraEntityProperty[], edit?: Pick<JiraIssueEdit, 'fields' | 'update'>): Promise<void>;
  /** `PUT /rest/api/3/issue/{key}/properties/{propertyKey}`: the value replaces the property's. */
  setIssueProperty(key: string, propertyKey: string, value: unknown): Promise<void>;
  /** JSM request comment (`POST /rest/servicedeskapi/request/{key}/comment`): plain text, `public` false = internal note. */
  addRequestComment(key: string, body: string, isPublic: boolean): Promise<{ readonly id?: string }>;
  /** `GET /rest/servicedeskapi/request/{key}/comment`, every page: public and internal comments, oldest first. */
  getRequestComments(key: string): Promise<JiraRequestComment[]>;
  getMyself(): Promise<{ readonly accountId: string }>;
  /** `GET /rest/servicedeskapi/request/{key}/participant`, every page: the participants' accountIds. */
  getRequestParticipants(key: string): Promise<string[]>;
  /** `GET /rest/servicedeskapi/request/{key}`: the service desk the request belongs to. */
  getRequestServiceDeskId(key: string): Promise<string>;
  /**
   * `POST /rest/servicedeskapi/servicedesk/{id}/attachTemporaryFile` (multipart, `X-Atlassian-Token:
   * no-check`, `X-ExperimentalApi: opt-in`): the temporary attachment ids, one per file.
   */
  attachTemporaryFiles(serviceDeskId: string, files: readonly JiraUploadFile[]): Promise<string[]>;
  /**
   * `POST /rest/servicedeskapi/request/{key}/attachment`: the uploaded files on the request, with
   * `public` visibility and the comment that carries them (JSM shows customers only public ones).
   */
  addRequestAttachments(key: string, temporaryAttachmentIds: readonly string[], isPublic: boolean, commentBody: string): Promise<void>;
  /**
   * `GET /rest/api/3/issue/{key}?fields=…&expand=transitions,transitions.fields[&properties=…]`: the
   * fields asked for and, in the same call, the transitions open to this user from the issue's
   * status with their screens' fields ("Get issue", expand option `transitions`), so that a status
   * change needs no Get transitions of its own and knows what the transition can carry, and
   * the issue properties named (returned in `properties`, as getIssue returns them).
   */
  getIssueWithTransitions(key: string, fields: readonly string[], properties?: readonly string[]): Promise<JiraIssueWithTransitions>;
  /** Enhanced JQL search (`GET /rest/api/3/search/jql`), one page per iteration, following nextPageToken. */
  searchJql(jql: string, fields: readonly string[], pageSize?: number): AsyncGenerator<JiraSearchPage>;
  getFields(): Promise<JiraField[]>;
  createSelectField(name: string, description: string): Promise<JiraField>;
  getFieldContexts(fieldId: string): Promise<JiraFieldContext[]>;
  getContextOptions(fieldId: string, contextId: string): Promise<JiraFieldOption[]>;
  addContextOptions(fieldId: string, contextId: string, values: readonly string[]): Promise<JiraFieldOption[]>;
  getProjectStatuses(projectKey: string): Promise<JiraProjectIssueTypeStatuses[]>;
  listAdminWebhooks(): Promise<JiraAdminWebhook[]>;
  registerAdminWebhook(input: JiraAdminWebhookInput): Promise<JiraAdminWebhook>;
}

const ISSUE_KEY = /^(?:[A-Z][A-Z0-9_]*-\d+|\d+)$/;

function issueKey(key: string): string {
  if (!ISSUE_KEY.test(key)) throw new HelpdeskError('validation', `Invalid Jira issue key: ${JSON.stringify(key).slice(0, 40)}`);
  return key;
}

type RawTransition = {
  id?: unknown;
  name?: unknown;
  hasScreen?: unknown;
  fields?: unknown;
  to?: { id?: unknown; name?: unknown; statusCategory?: { key?: unknown } | undefined } | undefined;
};

/** A transition's screen fields (`transitions.fields`: field id → { operations, required, … }) as id → operations. */
function screenFields(fields: unknown): Record<string, string[]> | undefined {
  if (typeof fields !== 'object' || fields === null) return undefined;
  return Object.fromEntries(
    Object.entries(fields as Record<string, { operations?: unknown } | null>).map(([id, meta]) => [id, Array.isArray(meta?.operations) ? meta.operations.filter((o): o is string => typeof o === 'string') : []]),
  );
}

/** Get issue's `transitions` and Get transitions' list, narrowed to what the adapter reads. */
function toTransitions(transitions: readonly RawTransition[]): JiraTransition[] {
  return transitions.flatMap((t): JiraTransition[] => {
    if (typeof t.id !== 'string') return [];
    const fields = screenFields(t.fields);
    return [{
      id: t.id,
      ...(typeof t.name === 'string' && { name: t.name }),
      ...(t.to && { to: { ...(t.to.id !== undefined && { id: String(t.to.id) }), ...(typeof t.to.name === 'string' && { name: t.to.name }), ...(typeof t.to.statusCategory?.key === 'string' && { category: t.to.statusCategory.key }) } }),
      ...(typeof t.hasScreen === 'boolean' && { hasScreen: t.hasScreen }),
      ...(fields && { fields }),
    }];
  });
}

const FIELD_ID = /^(?:customfield_\d+|[a-z][A-Za-z]*)$/;

function fieldId(id: string): string {
  if (!FIELD_ID.test(id)) throw new HelpdeskError('validation', `Invalid Jira field id: ${JSON.stringify(id).slice(0, 40)}`);
  return id;
}

/** Wraps the plain jira.js transport with pacing, typed errors, retries and the call log. */
export function createInstrumentedClient(inner: Client, options: JiraClientOptions): Client {
  const now = options.now ?? Date.now;
  const pacer = options.pacer ?? createTokenBucketPacer({
    ratePerMinute: options.rateLimitPerMinute ?? 300,
    now: () => performance.now(),
    ...(options.sleep && { sleep: options.sleep }),
    ...(options.delayScale !== undefined && { delayScale: options.delayScale }),
  });
  const retry = createJiraRetryPolicy({
    ...options.retry,
    ...(options.sleep && { sleep: options.sleep }),
    ...(options.random && { random: options.random }),
    ...(options.delayScale !== undefined && { delayScale: options.delayScale }),
  });
  return {
    async sendRequest<T>(request: SendRequestOptions<T>): Promise<T> {
      const method = request.method ?? 'GET';
      const path = request.url.split('?')[0] ?? request.url;
      // A POST (transition, comment, webhook) is not repeated unless it provably never arrived.
      const traits = { method, idempotent: method !== 'POST' };
      for (let attempt = 1; ; attempt += 1) {
        await pacer.acquire();
        const started = now();
        try {
          const result = await inner.sendRequest(request);
          // jira.js hands back the body, not the response: 204 for an empty answer, else 200.
          options.onCall?.({ method, path, status: result === undefined ? 204 : 200, durationMs: now() - started, attempt });
          return result;
        } catch (raw) {
          const error = toHelpdeskError(raw, method, path, attempt);
          // jira.js hands back bodies and errors, never response headers; what survives of Atlassian's
          // rate-limit answer is a 429's Retry-After, passed on so that a shared pacer pauses the site
          // for every instance (the in-process bucket ignores it: the retry below waits it out).
          if (error.kind === 'rateLimit' && error.retryAfterMs !== undefined) pacer.observe(new Headers({ 'retry-after': (error.retryAfterMs / 1000).toFixed(3) }));
          options.onCall?.({ method, path, ...(error.status !== undefined && { status: error.status }), durationMs: now() - started, attempt, errorKind: error.kind });
          const delay = retry.nextDelayMs(error, attempt, traits);
          if (delay === undefined) throw error;
          await retry.sleep(delay);
        }
      }
    },
  };
}

export function createJiraClient(options: JiraClientOptions): JiraClient {
  let site: URL;
  try {
    site = new URL(options.siteUrl);
  } catch {
    throw new HelpdeskError('config', 'Jira site URL must be absolute, e.g. https://acme.atlassian.net');
  }
  const host = site.origin;
  const auth = 'bearerToken' in options.auth
    ? { type: 'bearer' as const, token: options.auth.bearerToken }
    : { type: 'basic' as const, email: options.auth.email, apiToken: options.auth.apiToken };
  const transport = createInstrumentedClient(createClient({ host, auth, onSchemaMismatch: options.onSchemaMismatch ?? 'silent' }), options);
  const cloud = createCloudClient(transport);
  const serviceDesk = createServiceDeskClient(transport);
  const serviceDeskOfProject = new Map<string, string>();

  return {
    siteUrl: host,
    async getIssue(key, fields, properties) {
      return (await cloud.issues.getIssue({ issueIdOrKey: issueKey(key), fields: [...fields], ...(properties && properties.length > 0 && { properties: [...properties] }) })) as JiraIssue;
    },
    async editIssue(key, edit) {
      // notifyUsers=false would need admin rights; the default keeps Jira's own notification rules.
      await cloud.issues.editIssue({
        issueIdOrKey: issueKey(key),
        ...(edit.fields && { fields: { ...edit.fields } }),
        ...(edit.update && { update: edit.update as Record<string, Record<string, unknown>[]> }),
        ...(edit.properties && { properties: edit.properties.map((p) => ({ ...p })) }),
      });
    },
    async getTransitions(key) {
      // With each transition's screen fields, so that the transition can carry what its screen takes.
      const { transitions } = await cloud.issues.getTransitions({ issueIdOrKey: issueKey(key), expand: 'transitions.fields' });
      return toTransitions((transitions ?? []) as RawTransition[]);
    },
    async doTransition(key, transitionId, properties, edit) {
      await cloud.issues.doTransition({
        issueIdOrKey: issueKey(key),
        transition: { id: transitionId },
        ...(edit?.fields && { fields: { ...edit.fields } }),
        ...(edit?.update && { update: edit.update as Record<string, Record<string, unknown>[]> }),
        ...(properties && { properties: properties.map((p) => ({ ...p })) }),
      });
    },
    async setIssueProperty(key, propertyKey, value) {
      await transport.sendRequest<unknown>({ url: `/rest/api/3/issue/${issueKey(key)}/properties/${encodeURIComponent(propertyKey)}`, method: 'PUT', body: value });
    },
    async addRequestComment(key, body, isPublic) {
      const comment = await serviceDesk.request.createRequestComment({ issueIdOrKey: issueKey(key), body, public: isPublic });
      return comment.id === undefined ? {} : { id: String(comment.id) };
    },
    async getRequestComments(key) {
      const comments: JiraRequestComment[] = [];
      for (let start = 0; ; ) {
        const page = await serviceDesk.request.getRequestComments({ issueIdOrKey: issueKey(key), start, limit: 100 });
        const values = (page.values ?? []) as { id?: unknown; body?: unknown; public?: unknown; created?: { epochMillis?: unknown; iso8601?: unknown } }[];
        for (const c of values) {
          const created = typeof c.created?.epochMillis === 'number' ? c.created.epochMillis : jiraInstantMs(typeof c.created?.iso8601 === 'string' ? c.created.iso8601 : null);
          comments.push({ id: String(c.id ?? ''), body: typeof c.body === 'string' ? c.body : '', public: c.public !== false, createdMs: created });
        }
        if (page.isLastPage !== false || values.length === 0) return comments;
        start += values.length;
      }
    },
    async getMyself() {
      const user = await cloud.myself.getCurrentUser();
      if (typeof user.accountId !== 'string') throw new HelpdeskError('server', 'Jira GET /rest/api/3/myself returned no accountId');
      return { accountId: user.accountId };
    },
    async getRequestParticipants(key) {
      const ids: string[] = [];
      for (let start = 0; ; ) {
        const page = await serviceDesk.request.getRequestParticipants({ issueIdOrKey: issueKey(key), start, limit: 50 });
        const values = page.values ?? [];
        for (const user of values) if (typeof user.accountId === 'string') ids.push(user.accountId);
        if (page.isLastPage !== false || values.length === 0) return ids;
        start += values.length;
      }
    },
    async getRequestServiceDeskId(key) {
      // A service desk is one project: its requests' keys share the project key, so one read serves them all.
      const project = /^([A-Z][A-Z0-9_]*)-\d+$/.exec(issueKey(key))?.[1];
      const known = project === undefined ? undefined : serviceDeskOfProject.get(project);
      if (known !== undefined) return known;
      const request = await serviceDesk.request.getCustomerRequestByIdOrKey({ issueIdOrKey: issueKey(key) });
      if (request.serviceDeskId === undefined || request.serviceDeskId === null || String(request.serviceDeskId) === '') {
        throw new HelpdeskError('validation', `Jira issue ${key} is not a JSM request (no serviceDeskId): its files cannot be shared with the customer`);
      }
      if (project !== undefined) serviceDeskOfProject.set(project, String(request.serviceDeskId));
      return String(request.serviceDeskId);
    },
    async attachTemporaryFiles(serviceDeskId, files) {
      // jira.js sends this endpoint's body as given, so the multipart form is built here.
      const form = new FormData();
      for (const f of files) form.append('file', new Blob([Uint8Array.from(f.bytes)], { type: f.contentType }), f.filename);
      const result = await transport.sendRequest<{ temporaryAttachments?: { temporaryAttachmentId?: string }[] }>({
        url: `/rest/servicedeskapi/servicedesk/${encodeURIComponent(serviceDeskId)}/attachTemporaryFile`,
        method: 'POST',
        headers: { 'X-Atlassian-Token': 'no-check', 'X-ExperimentalApi': 'opt-in' },
        body: form,
      });
      const ids = (result.temporaryAttachments ?? []).flatMap((a) => (typeof a.temporaryAttachmentId === 'string' ? [a.temporaryAttachmentId] : []));
      if (ids.length !== files.length) throw new HelpdeskError('server', `JSM accepted ${ids.length} of ${files.length} temporary file(s)`);
      return ids;
    },
    async addRequestAttachments(key, temporaryAttachmentIds, isPublic, commentBody) {
      await serviceDesk.request.createCommentWithAttachment({ issueIdOrKey: issueKey(key), temporaryAttachmentIds: [...temporaryAttachmentIds], public: isPublic, additionalComment: { body: commentBody } });
    },
    async getIssueWithTransitions(key, fields, properties) {
      // `transitions.fields` adds each transition's screen fields to the list in the same read: the
      // expand Get transitions documents for "the fields that can be set on transition", which Get
      // issue passes on to its `transitions` (atlassian-python-api reads transitions from
      // `issue/{key}?expand=transitions.fields`); `transitions` is named too, so that a site that
      // ignored the nested expand still lists them, without screens (then nothing is carried).
      const issue = (await cloud.issues.getIssue({ issueIdOrKey: issueKey(key), fields: [...fields], expand: 'transitions,transitions.fields', ...(properties && properties.length > 0 && { properties: [...properties] }) })) as JiraIssue & { transitions?: unknown };
      return { ...issue, transitions: toTransitions(Array.isArray(issue.transitions) ? issue.transitions : []) };
    },
    async *searchJql(jql, fields, pageSize = 100) {
      let nextPageToken: string | undefined;
      for (;;) {
        const page = await cloud.issueSearch.searchAndReconsileIssuesUsingJql({ jql, fields: [...fields], maxResults: pageSize, ...(nextPageToken !== undefined && { nextPageToken }) });
        const token = typeof page.nextPageToken === 'string' && page.nextPageToken !== '' ? page.nextPageToken : null;
        yield { issues: (page.issues ?? []) as JiraIssue[], nextPageToken: token };
        if (token === null) return;
        nextPageToken = token;
      }
    },
    async getFields() {
      return (await cloud.issueFields.getFields()) as JiraField[];
    },
    async createSelectField(name, description) {
      return (await cloud.issueFields.createCustomField({
        name,
        description,
        type: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
        searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselectsearcher',
      })) as JiraField;
    },
    async getFieldContexts(id) {
      const page = await cloud.issueCustomFieldContexts.getContextsForField({ fieldId: fieldId(id) });
      return (page.values ?? []).map((c) => ({ id: String(c.id), ...(c.name !== undefined && { name: c.name }) }));
    },
    async getContextOptions(id, contextId) {
      const page = await cloud.issueCustomFieldOptions.getOptionsForContext({ fieldId: fieldId(id), contextId: Number(contextId), maxResults: 1000 });
      return (page.values ?? []).map((o) => ({ id: String(o.id), value: String(o.value), ...(o.disabled !== undefined && { disabled: o.disabled }) }));
    },
    async addContextOptions(id, contextId, values) {
      const created = await cloud.issueCustomFieldOptions.createCustomFieldOption({ fieldId: fieldId(id), contextId: Number(contextId), options: values.map((value) => ({ value })) });
      return (created.options ?? []).map((o) => ({ id: String(o.id), value: String(o.value) }));
    },
    async getProjectStatuses(projectKey) {
      return (await cloud.projects.getAllStatuses({ projectIdOrKey: encodeURIComponent(projectKey) })) as JiraProjectIssueTypeStatuses[];
    },
    // Admin webhooks are not in jira.js's cloud surface; the same transport sends them.
    // Atlassian, "Webhooks" › "Registering a webhook using the REST API (for admins)".
    async listAdminWebhooks() {
      const list = await transport.sendRequest<unknown>({ url: '/rest/webhooks/1.0/webhook', method: 'GET' });
      return Array.isArray(list) ? (list as JiraAdminWebhook[]) : [];
    },
    async registerAdminWebhook(input) {
      return transport.sendRequest<JiraAdminWebhook>({
        url: '/rest/webhooks/1.0/webhook',
        method: 'POST',
        body: {
          name: input.name,
          url: input.url,
          events: input.events,
          filters: { 'issue-related-events-section': input.jql ?? '' },
          excludeBody: false,
          secret: input.secret,
        },
      });
    },
  };
}
