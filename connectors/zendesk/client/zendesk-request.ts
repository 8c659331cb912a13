// The one place that talks HTTP to Zendesk: pacing, the Authorization header, status → typed
// HelpdeskError, the retry loop and the onCall hook. Every client method goes through it.
import type { CallRecord } from '../../shared/call-record.js';
import { HelpdeskError, kindForStatus } from '../../shared/helpdesk-error.js';
import type { HelpdeskErrorKind } from '../../shared/helpdesk-error.js';
import type { Pacer } from '../../shared/pacer.js';
import { retryAfterMsFrom } from '../../shared/retry-policy.js';
import type { RetryPolicy } from '../../shared/retry-policy.js';
import { authorizationHeader, redact, secretsOf } from './zendesk-auth.js';
import type { ZendeskAuth } from './zendesk-auth.js';

export type Query = Readonly<Record<string, string | number | undefined>>;

export interface RequestOptions {
  readonly query?: Query;
  readonly json?: unknown;
  readonly body?: Uint8Array;
  readonly contentType?: string;
  /** Defaults to true for GET/PUT/DELETE and false for POST; a PUT that adds a comment must pass false. */
  readonly idempotent?: boolean;
  /** Overrides the account pacer (the incremental export has its own, stricter budget). */
  readonly pacer?: Pacer;
}

export type ZendeskRequest = <T>(method: string, path: string, options?: RequestOptions) => Promise<T>;

export interface RequesterConfig {
  readonly baseUrl: string;
  readonly auth: ZendeskAuth;
  readonly pacer: Pacer;
  readonly retry: RetryPolicy;
  readonly onCall?: (call: CallRecord) => void;
  readonly now: () => number;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

const MAX_DETAIL = 200;

function networkCode(e: unknown): string | undefined {
  let current: unknown = e;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const { code, name, cause } = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    if (name === 'TimeoutError') return 'ETIMEDOUT';
    current = cause;
  }
  return undefined;
}

/** Zendesk error bodies: `{error: "RecordNotFound", description}` or `{error: {title, message}}`. */
function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; description?: unknown; details?: unknown };
    const parts: string[] = [];
    if (typeof body.error === 'string') parts.push(body.error);
    else if (body.error && typeof body.error === 'object') {
      const { title, message } = body.error as { title?: unknown; message?: unknown };
      parts.push(...[title, message].filter((p): p is string => typeof p === 'string'));
    }
    if (typeof body.description === 'string') parts.push(body.description);
    return parts.join(': ').slice(0, MAX_DETAIL);
  } catch {
    return '';
  }
}

export function createZendeskRequester(config: RequesterConfig): ZendeskRequest {
  const authorization = authorizationHeader(config.auth);
  const secrets = secretsOf(config.auth);
  const clean = (text: string): string => redact(text, secrets);

  async function attemptOnce<T>(method: string, path: string, url: string, options: RequestOptions, attempt: number): Promise<T> {
    await (options.pacer ?? config.pacer).acquire();
    const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json' };
    let body: string | Uint8Array | undefined;
    if (options.body !== undefined) {
      body = options.body;
      headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
    } else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    }
    const started = config.now();
    const record = (status: number | undefined, errorKind?: HelpdeskErrorKind): void => {
      config.onCall?.({
        method,
        path,
        ...(status === undefined ? {} : { status }),
        durationMs: config.now() - started,
        attempt,
        ...(errorKind === undefined ? {} : { errorKind }),
      });
    };

    const networkError = (e: unknown, status?: number): HelpdeskError => {
      record(status, 'network');
      const code = networkCode(e);
      const reason = code ?? (e instanceof Error ? e.message : 'unknown error');
      return new HelpdeskError('network', clean(`Zendesk ${method} ${path} failed: ${reason}`), {
        attempts: attempt,
        ...(code === undefined ? {} : { code }),
        cause: e,
      });
    };

    let response: Response;
    let text: string;
    try {
      response = await config.fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: body as BodyInit }),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (e) {
      throw networkError(e);
    }
    (options.pacer ?? config.pacer).observe(response.headers);
    try {
      text = await response.text();
    } catch (e) {
      // The answer broke off mid-body: Zendesk got the request, so a write may have been applied.
      throw networkError(e, response.status);
    }
    if (response.ok) {
      record(response.status);
      if (text === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (e) {
        throw new HelpdeskError('server', `Zendesk ${method} ${path} returned ${response.status} without JSON`, {
          status: response.status,
          attempts: attempt,
          cause: e,
        });
      }
    }
    const kind = kindForStatus(response.status);
    record(response.status, kind);
    const retryAfterMs = retryAfterMsFrom(response.headers, config.now());
    const detail = errorDetail(text);
    throw new HelpdeskError(
      kind,
      clean(`Zendesk ${method} ${path} failed with ${response.status}${detail ? ` (${detail})` : ''}`),
      {
        status: response.status,
        attempts: attempt,
        ...(kind === 'rateLimit' && retryAfterMs !== undefined ? { retryAfterMs } : {}),
      },
    );
  }

  return async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(path, config.baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const traits = { method, idempotent: options.idempotent ?? method !== 'POST' };
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await attemptOnce<T>(method, path, url.toString(), options, attempt);
      } catch (e) {
        if (!(e instanceof HelpdeskError)) throw e;
        const delayMs = config.retry.nextDelayMs(e, attempt, traits);
        if (delayMs === undefined) throw e;
        await config.retry.sleep(delayMs);
      }
    }
  };
}
