// The one error type every helpdesk adapter (Zendesk, Jira) throws for I/O failures, with a `kind`
// that callers branch on instead of status codes. Verdicts (incomplete, advisory…) are never errors.
// Messages are built by the adapters from method, path and status only: never credentials or headers.

export type HelpdeskErrorKind =
  | 'auth'
  | 'notFound'
  | 'conflict'
  | 'rateLimit'
  | 'server'
  | 'network'
  | 'config'
  | 'signature'
  | 'validation';

export interface HelpdeskErrorOptions {
  readonly status?: number;
  /** How long the helpdesk asked us to wait (unscaled), from `Retry-After` / `ratelimit-reset`. */
  readonly retryAfterMs?: number;
  /** Low-level error code of a network failure (`ECONNREFUSED`, `ECONNRESET`…). */
  readonly code?: string;
  /** Number of attempts made before giving up (1 = no retry). */
  readonly attempts?: number;
  readonly cause?: unknown;
}

export class HelpdeskError extends Error {
  override readonly name = 'HelpdeskError';
  readonly kind: HelpdeskErrorKind;
  declare readonly status?: number;
  declare readonly retryAfterMs?: number;
  declare readonly code?: string;
  declare readonly attempts?: number;

  constructor(kind: HelpdeskErrorKind, message: string, options: HelpdeskErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.code !== undefined) this.code = options.code;
    if (options.attempts !== undefined) this.attempts = options.attempts;
  }
}

/** Maps an HTTP error status to a kind. 2xx/3xx are not errors and never reach this. */
export function kindForStatus(status: number): HelpdeskErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rateLimit';
  if (status >= 500) return 'server';
  return 'validation';
}

export function isHelpdeskError(e: unknown): e is HelpdeskError {
  return e instanceof HelpdeskError;
}

const hasKind = (kind: HelpdeskErrorKind) => (e: unknown): e is HelpdeskError =>
  isHelpdeskError(e) && e.kind === kind;

export const isAuthError = hasKind('auth');
export const isNotFoundError = hasKind('notFound');
/** A safe update lost the race (Zendesk 409): re-read the ticket and decide again. */
export const isConflictError = hasKind('conflict');
export const isRateLimitError = hasKind('rateLimit');
export const isServerError = hasKind('server');
export const isNetworkError = hasKind('network');
export const isConfigError = hasKind('config');
export const isSignatureError = hasKind('signature');
export const isValidationError = hasKind('validation');

/**
 * Worth trying again later (queue redelivery, next poll): rate limits, 502/503/504 and network
 * failures. A 500, auth, validation or conflict error will fail the same way again.
 */
export function isRetryableError(e: unknown): e is HelpdeskError {
  if (!isHelpdeskError(e)) return false;
  if (e.kind === 'rateLimit' || e.kind === 'network') return true;
  return e.kind === 'server' && (e.status === 502 || e.status === 503 || e.status === 504);
}
