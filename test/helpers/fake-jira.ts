// A loopback Jira Cloud + JSM double: a real HTTP server on 127.0.0.1 that answers the calls the
// Jira adapter makes, in Atlassian's documented shapes, keeps each issue's state (fields, labels,
// status through transitions, issue properties, JSM comments and request attachments; see
// fake-jira-state.ts) and records every call like the Zendesk double (fake-zendesk.ts), with the
// issue it was for. It can be told to misbehave per call: an error status (a 429 with Retry-After,
// a 5xx), a delay, or a dropped connection, before or after the write landed. Used by the
// benchmarks, the fault suite and the property test of the write sequence; unit tests use nock.
//
// Endpoints (Jira Cloud platform REST API v3, "Issues" and "Issue properties"; JSM REST API,
// "Request" and "Servicedesk"):
//   GET  /rest/api/3/issue/{key}[?fields=…][&properties=…][&expand=transitions]   Get issue → the fields asked
//        for, `properties`, and with `expand=transitions` the list Get transitions answers
//   PUT  /rest/api/3/issue/{key} { fields?, update?, properties? }  Edit issue → 204
//   PUT  /rest/api/3/issue/{key}/properties/{propertyKey}     Set issue property → 200
//   GET  /rest/api/3/issue/{key}/transitions[?expand=transitions.fields]  Get transitions → { transitions } (none to
//        the current status; `hasScreen` always, the screen's `fields` with the expand)
//   POST /rest/api/3/issue/{key}/transitions { transition, fields?, update?, properties? }  Transition issue → 204;
//        400 naming a field the transition's screen does not show (fields, labels)
//   GET  /rest/api/3/myself                                   Get current user → { accountId }
//   GET  /rest/servicedeskapi/request/{key}                   Get customer request → { issueKey, serviceDeskId, … }
//   POST /rest/servicedeskapi/servicedesk/{id}/attachTemporaryFile (multipart) → 201 { temporaryAttachments }
//   POST /rest/servicedeskapi/request/{key}/attachment        Create attachment → 201 { comment, attachments }
//   POST /rest/servicedeskapi/request/{key}/comment           Create request comment → 201 { id, body, public, created }
//   GET  /rest/servicedeskapi/request/{key}/comment           Get request comments → page of comments, oldest first
//   GET  /rest/servicedeskapi/request/{key}/participant       Get request participants → page of users
import express, { type Request, type Response } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeJiraState, fakeJiraTransitions, jiraTime, type FakeJiraComment, type FakeJiraIssue, type FakeJiraTransition, type FakeTransitionBody } from './fake-jira-state.js';

export type { FakeJiraComment, FakeJiraIssue } from './fake-jira-state.js';

export interface FakeJiraCall {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** For an upload `{ filename }`, read from the multipart body; otherwise the query string. */
  readonly query: Readonly<Record<string, string>>;
  /** The issue the call was for; null for an upload (its path names the service desk) and unknown routes. */
  readonly issueKey: string | null;
  /** The JSON body sent, or null. */
  readonly body: unknown;
  /** The status answered; 0 while unanswered or when the connection was dropped. */
  readonly status: number;
  /** Whether the call changed the world (a write that landed). */
  readonly applied: boolean;
  readonly fault: FakeJiraFault['kind'] | null;
  readonly settled: boolean;
  readonly at: number;
}

export type FakeJiraFault =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSec?: number }
  | { readonly kind: 'delay'; readonly ms: number }
  /** Destroy the connection without an answer; with `afterApply` the write lands first. */
  | { readonly kind: 'drop'; readonly afterApply?: boolean };

export interface FakeJiraFaultMatch {
  readonly method?: string;
  readonly path?: string | RegExp;
  /** How many matching calls get the fault. Default 1. */
  readonly times?: number;
}

export interface FakeJiraOptions {
  readonly now?: () => number;
  /** The accountId of InScope's Jira user: author of its comments, and what /myself answers. */
  readonly botAccountId?: string;
  /** Whether the workflow's transitions to New and Approved show a screen with Category and Labels. Default true. */
  readonly screens?: boolean;
}

export interface FakeJira {
  readonly url: string;
  readonly calls: FakeJiraCall[];
  issue(key: string): (FakeJiraIssue & { readonly properties: Readonly<Record<string, unknown>> }) | undefined;
  comments(key: string): readonly FakeJiraComment[];
  inject(fault: FakeJiraFault, match?: FakeJiraFaultMatch): void;
  /** Decides a fault per call (after the injected ones): the property test's crash schedule. */
  setFaultPlan(plan: ((call: FakeJiraCall) => FakeJiraFault | null) | null): void;
  /** Starts over with these issues: no calls, comments, properties or faults. */
  reset(issues: readonly FakeJiraIssue[]): void;
  close(): Promise<void>;
}

type MutableCall = { -readonly [K in keyof FakeJiraCall]: FakeJiraCall[K] };
type Answer = [number, unknown?];

const ISSUE_PATH = /^\/rest\/(?:api\/3\/issue|servicedeskapi\/request)\/([A-Z][A-Z0-9_]*-\d+)(?:\/|$)/;
const notFound = (): Answer => [404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }];

/** A parameter given several times (`fields=a&fields=b`) counts as its comma-separated list. */
function queryOf(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...new Set(params.keys())].map((name) => [name, params.getAll(name).join(',')]));
}

function requestComment(c: FakeJiraComment) {
  return { id: c.id, body: c.body, public: c.public, author: { accountId: c.authorId }, created: { epochMillis: c.created, iso8601: jiraTime(c.created) } };
}

export async function startFakeJira(issues: readonly FakeJiraIssue[], options: FakeJiraOptions = {}): Promise<FakeJira> {
  const now = options.now ?? Date.now;
  const bot = options.botAccountId ?? '712020:inscope-bot';
  const state = createFakeJiraState(issues, now, bot, fakeJiraTransitions(options.screens ?? true));
  /** Get transitions' answer: the screen's fields only with `expand=transitions.fields`. */
  const listed = (key: string, expand: readonly string[]) =>
    state.transitions(key).map(({ fields, ...t }: FakeJiraTransition) => (expand.includes('transitions.fields') ? { ...t, fields } : t));
  const calls: MutableCall[] = [];
  let faults: { fault: FakeJiraFault; match: FakeJiraFaultMatch; left: number }[] = [];
  let plan: ((call: FakeJiraCall) => FakeJiraFault | null) | null = null;

  const takeFault = (call: MutableCall): FakeJiraFault | null => {
    const entry = faults.find(({ match, left }) => {
      if (left <= 0) return false;
      if (match.method && match.method.toUpperCase() !== call.method) return false;
      if (match.path === undefined) return true;
      return typeof match.path === 'string' ? match.path === call.path : match.path.test(call.path);
    });
    if (entry) {
      entry.left -= 1;
      return entry.fault;
    }
    return plan?.(call) ?? null;
  };

  /** What the call does: `write` changes the world (and answers), `read` only answers. */
  function route(req: Request, path: string, key: string | null, body: Record<string, unknown>, query: Record<string, string>): { write?: () => Answer; read?: () => Answer } {
    const m = req.method;
    if (key !== null && !state.has(key)) return { read: notFound };
    if (key !== null && path === `/rest/api/3/issue/${key}`) {
      if (m === 'GET') {
        return {
          read: () => {
            const issue = state.issue(key)!;
            const wanted = query['fields'] ? query['fields'].split(',') : null;
            const fields = wanted && !wanted.includes('*all') ? Object.fromEntries(Object.entries(issue.fields).filter(([name]) => wanted.includes(name))) : issue.fields;
            const names = query['properties'] ? query['properties'].split(',') : [];
            const properties = Object.fromEntries(names.filter((n) => n in issue.properties).map((n) => [n, issue.properties[n]]));
            // `expand=transitions` answers the list Get transitions would, in the same read.
            const expand = query['expand'] ? query['expand'].split(',') : [];
            return [200, {
              id: issue.id, key: issue.key, fields: structuredClone(fields),
              ...(names.length > 0 && { properties: structuredClone(properties) }),
              ...((expand.includes('transitions') || expand.includes('transitions.fields')) && { transitions: listed(key, expand) }),
            }];
          },
        };
      }
      if (m === 'PUT') return { write: () => (state.edit(key, body), [204]) };
    }
    const property = key !== null ? new RegExp(`^/rest/api/3/issue/${key}/properties/([^/]+)$`).exec(path) : null;
    if (key !== null && property && m === 'PUT') return { write: () => (state.setProperty(key, decodeURIComponent(property[1]!), body), [200]) };
    if (key !== null && path === `/rest/api/3/issue/${key}/transitions`) {
      if (m === 'GET') return { read: () => [200, { transitions: listed(key, query['expand'] ? query['expand'].split(',') : []) }] };
      if (m === 'POST') {
        const id = (body['transition'] as { id?: string } | undefined)?.id ?? '';
        if (!state.transitions(key).some((t) => t.id === id)) return { read: () => [400, { errorMessages: ['It seems that you have tried to perform a workflow operation that is not valid.'], errors: {} }] };
        const refused = state.refuseScreenFields(key, id, body as FakeTransitionBody);
        if (refused) return { read: () => [400, { errorMessages: [], errors: refused }] };
        return { write: () => (state.transition(key, id, body as FakeTransitionBody), [204]) };
      }
    }
    if (m === 'GET' && path === '/rest/api/3/myself') return { read: () => [200, { accountId: bot, accountType: 'atlassian', displayName: 'InScope' }] };
    if (key !== null && path === `/rest/servicedeskapi/request/${key}` && m === 'GET') {
      return { read: () => [200, { issueId: state.issue(key)!.id, issueKey: key, serviceDeskId: '7', requestTypeId: '25' }] };
    }
    if (m === 'POST' && /^\/rest\/servicedeskapi\/servicedesk\/\d+\/attachTemporaryFile$/.test(path)) {
      return { write: () => [201, { temporaryAttachments: [{ temporaryAttachmentId: state.upload(query['filename'] ?? ''), fileName: query['filename'] ?? '' }] }] };
    }
    if (key !== null && path === `/rest/servicedeskapi/request/${key}/attachment` && m === 'POST') {
      const ids = (body['temporaryAttachmentIds'] as string[] | undefined) ?? [];
      const text = (body['additionalComment'] as { body?: string } | undefined)?.body ?? '';
      return {
        write: () => {
          const comment = state.attach(key, ids, body['public'] !== false, text);
          return comment ? [201, { comment: requestComment(comment), attachments: { size: ids.length, values: comment.attachments.map((filename) => ({ filename })) } }] : [400, { errorMessage: 'The temporary attachment does not exist or has expired.' }];
        },
      };
    }
    if (key !== null && path === `/rest/servicedeskapi/request/${key}/comment`) {
      if (m === 'POST') return { write: () => [201, requestComment(state.addComment(key, String(body['body'] ?? ''), body['public'] !== false))] };
      if (m === 'GET') {
        return {
          read: () => {
            const start = Number(query['start'] ?? 0);
            const limit = Math.min(100, Number(query['limit'] ?? 50));
            const all = state.comments(key);
            const values = all.slice(start, start + limit).map(requestComment);
            return [200, { size: values.length, start, limit, isLastPage: start + limit >= all.length, values }];
          },
        };
      }
    }
    if (key !== null && path === `/rest/servicedeskapi/request/${key}/participant` && m === 'GET') {
      return { read: () => [200, { size: 0, start: 0, limit: 50, isLastPage: true, values: [] }] };
    }
    return { read: () => [404, { errorMessages: [`fake Jira: no route ${m} ${path}`], errors: {} }] };
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(express.raw({ type: () => true, limit: '20mb' }));
  app.use(async (req: Request, res: Response) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/');
    let body: Record<string, unknown> = {};
    if (!multipart && raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        body = {};
      }
    }
    const query: Record<string, string> = multipart
      ? { filename: /filename="([^"]+)"/.exec(raw.toString('latin1'))?.[1] ?? '' }
      : queryOf(new URL(req.originalUrl, 'http://fake').searchParams);
    const key = ISSUE_PATH.exec(req.path)?.[1] ?? null;
    const call: MutableCall = {
      seq: calls.length + 1, method: req.method, path: req.path, query, issueKey: key, body: multipart ? null : (raw.length > 0 ? body : null),
      status: 0, applied: false, fault: null, settled: false, at: now(),
    };
    calls.push(call);
    const send = ([status, payload]: Answer, headers: Record<string, string> = {}) => {
      call.settled = true;
      if (res.destroyed || res.writableEnded) return;
      call.status = status;
      res.status(status).set(headers);
      if (payload === undefined) res.end();
      else res.json(payload);
    };
    const fault = takeFault(call);
    call.fault = fault?.kind ?? null;
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'status') {
      // Atlassian rejects a throttled or failed request before doing any work.
      const detail = fault.status === 429 ? { errorMessage: 'Rate limit exceeded.' } : { errorMessages: [`fake Jira answered ${fault.status}`], errors: {} };
      return send([fault.status, detail], fault.retryAfterSec === undefined ? {} : { 'Retry-After': String(fault.retryAfterSec) });
    }
    const { write, read } = route(req, req.path, key, body, query);
    const apply = (): Answer => {
      if (!write) return read!();
      const answer = write();
      call.applied = answer[0] < 300;
      return answer;
    };
    if (fault?.kind === 'drop') {
      if (fault.afterApply) apply();
      call.settled = true;
      res.socket?.destroy();
      return;
    }
    send(apply());
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    issue: (key) => state.issue(key),
    comments: (key) => state.comments(key),
    inject(fault, match = {}) {
      faults.push({ fault, match, left: match.times ?? 1 });
    },
    setFaultPlan(next) {
      plan = next;
    },
    reset(next) {
      state.load(next);
      calls.length = 0;
      faults = [];
      plan = null;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
