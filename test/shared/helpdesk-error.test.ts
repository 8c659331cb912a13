import { describe, expect, it } from 'vitest';
import {
  HelpdeskError,
  isAuthError,
  isConflictError,
  isHelpdeskError,
  isNotFoundError,
  isRateLimitError,
  isRetryableError,
  isValidationError,
  kindForStatus,
} from '../../connectors/shared/helpdesk-error.js';
import type { HelpdeskErrorKind } from '../../connectors/shared/helpdesk-error.js';

describe('HelpdeskError', () => {
  it.each<[number, HelpdeskErrorKind]>([
    [400, 'validation'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'notFound'],
    [409, 'conflict'],
    [413, 'validation'],
    [422, 'validation'],
    [429, 'rateLimit'],
    [500, 'server'],
    [503, 'server'],
  ])('maps HTTP %i to kind %s', (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
  });

  it('carries kind, status, retryAfterMs and cause, and is an Error', () => {
    const cause = new Error('socket hang up');
    const e = new HelpdeskError('rateLimit', 'Zendesk GET /x failed with 429', { status: 429, retryAfterMs: 5000, cause });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: 'HelpdeskError', kind: 'rateLimit', status: 429, retryAfterMs: 5000 });
    expect(e.cause).toBe(cause);
  });

  it('leaves absent options absent rather than undefined-valued', () => {
    expect(Object.keys(new HelpdeskError('config', 'x'))).not.toContain('status');
  });

  it('answers each predicate only for its own kind and never for plain errors', () => {
    const conflict = new HelpdeskError('conflict', 'x', { status: 409 });
    expect(isConflictError(conflict)).toBe(true);
    expect([isAuthError, isNotFoundError, isRateLimitError, isValidationError].some((p) => p(conflict))).toBe(false);
    expect(isHelpdeskError(new Error('x'))).toBe(false);
    expect(isConflictError({ kind: 'conflict' })).toBe(false);
  });

  it.each<[string, HelpdeskError, boolean]>([
    ['a rate limit', new HelpdeskError('rateLimit', 'x', { status: 429 }), true],
    ['a network failure', new HelpdeskError('network', 'x', { code: 'ECONNRESET' }), true],
    ['a 503', new HelpdeskError('server', 'x', { status: 503 }), true],
    ['a 502', new HelpdeskError('server', 'x', { status: 502 }), true],
    ['a 500', new HelpdeskError('server', 'x', { status: 500 }), false],
    ['a conflict', new HelpdeskError('conflict', 'x', { status: 409 }), false],
    ['an auth failure', new HelpdeskError('auth', 'x', { status: 401 }), false],
    ['a bad signature', new HelpdeskError('signature', 'x'), false],
  ])('calls %s retryable: %s', (_label, error, retryable) => {
    expect(isRetryableError(error)).toBe(retryable);
  });
});
