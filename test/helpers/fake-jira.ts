// A loopback Jira Cloud + JSM double for the benchmarks: a real HTTP server on 127.0.0.1 that answers
// the calls the Jira adapter makes, in Atlassian's documented shapes, keeps each issue's state
// (category, status through transitions, labels) and records every call like the Zendesk double
// (fake-zendesk.ts), with the issue it was for. Tests use nock at the same boundary instead.
//
// Endpoints (Jira Cloud platform REST API v3, "Issues"; JSM REST API, "Request" and "Servicedesk"):
//   GET  /rest/api/3/issue/{key}[?fields=…][&expand=transitions]  Get issue → the issue, or only the fields asked
//        for; with `expand=transitions` also `transitions`, the list Get transitions answers
//   PUT  /rest/api/3/issue/{key} { fields?, update? }         Edit issue → 204
//   GET  /rest/api/3/issue/{key}/transitions                  Get transitions → { transitions }
//   POST /rest/api/3/issue/{key}/transitions { transition }   Transition issue → 204
//   GET  /rest/servicedeskapi/request/{key}                   Get customer request → { issueKey, serviceDeskId, … }
//   POST /rest/servicedeskapi/servicedesk/{id}/attachTemporaryFile (multipart) → 201 { temporaryAttachments }
//   POST /rest/servicedeskapi/request/{key}/attachment        Create attachment → 201 { comment, attachments }
//   POST /rest/servicedeskapi/request/{key}/comment           Create request comment → 201 { id, public }
//   GET  /rest/servicedeskapi/request/{key}/participant       Get request participants → page of users
import express, { type Request, type Response } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeJiraIssue {
  readonly id?: string | undefined;
  readonly key: string;
  readonly fields: Record<string, unknown>;
}

export interface FakeJiraCall {
  readonly method: string;
  readonly path: string;
  /** For an upload `{ filename }`, read from the multipart body; otherwise the query string. */
  readonly query: Readonly<Record<string, string>>;
  /** The issue the call was for; null for an upload (its path names the service desk) and unknown routes. */
  readonly issueKey: string | null;
  readonly status: number;
}

export interface FakeJira {
  readonly url: string;
  readonly calls: FakeJiraCall[];
  issue(key: string): FakeJiraIssue | undefined;
  close(): Promise<void>;
}

const TRANSITIONS = [
  { id: '11', name: 'Mark as new', to: { id: '10019', name: 'New' } },
  { id: '21', name: 'Approve', to: { id: '10020', name: 'Approved' } },
  { id: '31', name: 'Resolve', to: { id: '10030', name: 'Resolved' } },
];

export async function startFakeJira(issues: readonly FakeJiraIssue[]): Promise<FakeJira> {
  const byKey = new Map(issues.map((i) => [i.key, { ...i, fields: { ...i.fields } }]));
  const calls: FakeJiraCall[] = [];
  let temporary = 0;
  const app = express();
  app.use(express.raw({ type: () => true, limit: '20mb' }));

  const answer = (req: Request, res: Response, issueKey: string | null, status: number, body?: unknown, query: Record<string, string> = req.query as Record<string, string>) => {
    calls.push({ method: req.method, path: req.path, query, issueKey, status });
    if (body === undefined) res.status(status).end();
    else res.status(status).json(body);
  };
  const json = (req: Request): Record<string, unknown> => (Buffer.isBuffer(req.body) && req.body.length > 0 ? (JSON.parse(req.body.toString('utf8')) as Record<string, unknown>) : {});
  const withIssue = (handler: (req: Request, res: Response, issue: FakeJiraIssue) => void) => (req: Request, res: Response) => {
    const issue = byKey.get(String(req.params['key']));
    if (!issue) return answer(req, res, String(req.params['key']), 404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    handler(req, res, issue);
  };

  app.get('/rest/api/3/issue/:key', withIssue((req, res, issue) => {
    const wanted = typeof req.query['fields'] === 'string' ? req.query['fields'].split(',') : null;
    const fields = wanted && !wanted.includes('*all') ? Object.fromEntries(Object.entries(issue.fields).filter(([name]) => wanted.includes(name))) : issue.fields;
    const expand = typeof req.query['expand'] === 'string' ? req.query['expand'].split(',') : [];
    answer(req, res, issue.key, 200, { ...issue, fields, ...(expand.includes('transitions') && { transitions: TRANSITIONS }) });
  }));
  app.put('/rest/api/3/issue/:key', withIssue((req, res, issue) => {
    const body = json(req) as { fields?: Record<string, unknown>; update?: { labels?: { add?: string; remove?: string }[] } };
    Object.assign(issue.fields, body.fields ?? {});
    for (const l of body.update?.labels ?? []) {
      const labels = issue.fields['labels'] as string[];
      issue.fields['labels'] = l.add ? [...labels, l.add] : labels.filter((x) => x !== l.remove);
    }
    issue.fields['updated'] = new Date().toISOString().replace('Z', '+0000');
    answer(req, res, issue.key, 204);
  }));
  app.get('/rest/api/3/issue/:key/transitions', withIssue((req, res, issue) => answer(req, res, issue.key, 200, { transitions: TRANSITIONS })));
  app.post('/rest/api/3/issue/:key/transitions', withIssue((req, res, issue) => {
    const to = TRANSITIONS.find((t) => t.id === (json(req) as { transition?: { id?: string } }).transition?.id)?.to;
    if (!to) return answer(req, res, issue.key, 400, { errorMessages: ['It seems that you have tried to perform a workflow operation that is not valid.'], errors: {} });
    issue.fields['status'] = { id: to.id, name: to.name };
    answer(req, res, issue.key, 204);
  }));
  app.get('/rest/servicedeskapi/request/:key', withIssue((req, res, issue) => answer(req, res, issue.key, 200, { issueId: issue.id, issueKey: issue.key, serviceDeskId: '7', requestTypeId: '25' })));
  app.post('/rest/servicedeskapi/servicedesk/:id/attachTemporaryFile', (req, res) => {
    const filename = /filename="([^"]+)"/.exec(Buffer.isBuffer(req.body) ? req.body.toString('latin1') : '')?.[1] ?? '';
    answer(req, res, null, 201, { temporaryAttachments: [{ temporaryAttachmentId: `temp-${++temporary}`, fileName: filename }] }, { filename });
  });
  app.post('/rest/servicedeskapi/request/:key/attachment', withIssue((req, res, issue) => answer(req, res, issue.key, 201, { comment: { id: `4${calls.length}`, public: (json(req) as { public?: boolean }).public ?? true }, attachments: { size: 1, values: [] } })));
  app.post('/rest/servicedeskapi/request/:key/comment', withIssue((req, res, issue) => answer(req, res, issue.key, 201, { id: `4${calls.length}`, public: (json(req) as { public?: boolean }).public ?? true })));
  app.get('/rest/servicedeskapi/request/:key/participant', withIssue((req, res, issue) => answer(req, res, issue.key, 200, { size: 0, start: 0, limit: 50, isLastPage: true, values: [] })));
  app.use((req, res) => answer(req, res, null, 404, { errorMessages: [`fake Jira: no route ${req.method} ${req.path}`], errors: {} }));

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    issue: (key) => byKey.get(key),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
