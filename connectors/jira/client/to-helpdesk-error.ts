// Translates jira.js's typed errors (ApiError and its subclasses, NetworkError,
// SchemaMismatchError) into the connector's one HelpdeskError, keeping status, Retry-After and the
// network code. Messages name method, path and status plus Jira's own error text: never headers.
import { isApiError, isNetworkError, isRateLimitError, isSchemaMismatchError } from 'jira.js/core';
import { HelpdeskError, kindForStatus } from '../../shared/helpdesk-error.js';

const MAX_DETAIL = 240;

/** Jira's error body: `{ errorMessages: string[], errors: { field: message } }`. */
export function jiraErrorDetail(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, MAX_DETAIL);
  if (typeof body !== 'object' || body === null) return '';
  const { errorMessages, errors, errorMessage } = body as { errorMessages?: unknown; errors?: unknown; errorMessage?: unknown };
  const parts: string[] = [];
  if (Array.isArray(errorMessages)) parts.push(...errorMessages.filter((m): m is string => typeof m === 'string'));
  if (typeof errorMessage === 'string') parts.push(errorMessage);
  if (errors && typeof errors === 'object') {
    for (const [field, message] of Object.entries(errors)) if (typeof message === 'string') parts.push(`${field}: ${message}`);
  }
  return parts.join('; ').slice(0, MAX_DETAIL);
}

export function toHelpdeskError(error: unknown, method: string, path: string, attempt: number): HelpdeskError {
  if (error instanceof HelpdeskError) return error;
  const where = `Jira ${method} ${path}`;
  if (isApiError(error)) {
    const kind = kindForStatus(error.status);
    const detail = jiraErrorDetail(error.body);
    const retryAfterMs = isRateLimitError(error) ? error.retryAfterMs : undefined;
    return new HelpdeskError(kind, `${where} failed with ${error.status}${detail ? ` (${detail})` : ''}`, {
      status: error.status,
      attempts: attempt,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
      cause: error,
    });
  }
  if (isNetworkError(error)) {
    return new HelpdeskError('network', `${where} failed: ${error.code ?? 'network error'}`, {
      attempts: attempt,
      ...(error.code !== undefined && { code: error.code }),
      cause: error,
    });
  }
  if (isSchemaMismatchError(error)) {
    return new HelpdeskError('server', `${where} answered in a shape jira.js does not know`, { attempts: attempt, cause: error });
  }
  return new HelpdeskError('network', `${where} failed: ${error instanceof Error ? error.message : String(error)}`, { attempts: attempt, cause: error });
}
