// The slice of the Zendesk Apps Framework v2 client the sidebar uses. ZAF ships no TypeScript types;
// these follow developer.zendesk.com/api-reference/apps/apps-core-api/client_api (get, set, invoke,
// on, request, metadata) and the ticket sidebar reference (ticket.*.changed events, ticket.editor.insert).

export interface ZafRequestOptions {
  readonly url: string;
  readonly type: 'GET' | 'POST';
  readonly contentType?: string;
  readonly data?: string;
  readonly dataType?: 'json' | 'text';
  /** Routes the request through Zendesk's proxy, which fills `{{setting.*}}` and `{{jwt.token}}` server-side. */
  readonly secure?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly jwt?: {
    readonly algorithm: 'HS256';
    readonly secret_key: string;
    readonly expiry?: number;
    readonly claims?: Readonly<Record<string, unknown>>;
  };
  readonly cors?: boolean;
  readonly timeout?: number;
}

/** What `client.request` rejects with: a jqXHR-like object. */
export interface ZafRequestFailure {
  readonly status?: number;
  readonly statusText?: string;
  readonly responseText?: string;
  readonly responseJSON?: unknown;
}

export interface ZafMetadata {
  readonly appId?: number;
  readonly installationId?: number;
  /** Non-secure settings only: secure ones are never sent to the browser. */
  readonly settings: Readonly<Record<string, unknown>>;
}

export interface ZafClient {
  get(path: string | readonly string[]): Promise<Record<string, unknown>>;
  set(path: string, value: unknown): Promise<Record<string, unknown>>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  on(event: string, handler: (...args: unknown[]) => void): void;
  request(options: ZafRequestOptions): Promise<unknown>;
  metadata(): Promise<ZafMetadata>;
}

export interface ZafGlobal {
  init(): ZafClient;
}
