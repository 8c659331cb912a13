// The slice of @forge/bridge the Jira sidebar uses, as an interface so the adapter can be tested
// without Atlassian's iframe host. main.ts passes the real `view`, `invokeRemote` and `events`.
// Shapes from @forge/bridge 7 (out/types.d.ts: FullContext, RemoteInvokeResponse) and the Forge
// docs: developer.atlassian.com/platform/forge/custom-ui-bridge/invokeRemote (path, method,
// headers, body; the call goes to the module's `resolver.endpoint`, which names the remote).

export interface JiraIssueContext {
  readonly accountId?: string;
  readonly cloudId?: string;
  readonly locale?: string;
  readonly siteUrl?: string;
  readonly moduleKey?: string;
  /** For jira:issueContext: `{ type, issue: { id, key, type, typeId }, project: { id, key, type } }`. */
  readonly extension?: { readonly issue?: { readonly id?: string | number; readonly key?: string }; readonly [k: string]: unknown };
}

export interface RemoteInvokeInput {
  readonly path: string;
  readonly method: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** What `invokeRemote` resolves with; Forge rejects or resolves with an error object when the remote fails. */
export interface RemoteInvokeResponse {
  readonly status?: number;
  readonly headers?: Record<string, unknown>;
  readonly body?: unknown;
}

export interface ForgeBridge {
  readonly view: { getContext(): Promise<JiraIssueContext> };
  invokeRemote(input: RemoteInvokeInput): Promise<RemoteInvokeResponse>;
  readonly events?: { on(event: string, callback: (payload?: unknown) => unknown): Promise<unknown> };
}
