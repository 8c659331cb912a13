import { describe, expect, it } from 'vitest';
import { HelpdeskError } from '../../../connectors/shared/helpdesk-error.js';
import { explainZendeskError } from '../../../connectors/zendesk/setup/explain-zendesk-error.js';

describe('explainZendeskError', () => {
  it.each([
    [new HelpdeskError('auth', 'GET /api/v2/webhooks → 401', { status: 401 }), 'check ZENDESK_EMAIL/ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN) and ZENDESK_SUBDOMAIN'],
    [new HelpdeskError('auth', 'POST /api/v2/custom_statuses.json → 403', { status: 403 }), 'the API user must be an admin'],
    [new HelpdeskError('notFound', 'GET /api/v2/ticket_fields.json → 404', { status: 404 }), 'check ZENDESK_SUBDOMAIN (and ZENDESK_BASE_URL if set)'],
    [new HelpdeskError('rateLimit', 'GET /api/v2/incremental/tickets/cursor.json → 429', { status: 429, retryAfterMs: 42_500 }), 'try again in 43 s'],
    [new HelpdeskError('network', 'GET /api/v2/webhooks failed', { code: 'ECONNREFUSED' }), 'Could not reach Zendesk (ECONNREFUSED)'],
    [new HelpdeskError('server', 'GET /api/v2/webhooks → 503', { status: 503 }), 'server error (HTTP 503): try again later'],
    [new HelpdeskError('validation', 'POST /api/v2/ticket_fields.json → 422 RecordInvalid', { status: 422 }), 'Zendesk refused the request (HTTP 422): POST /api/v2/ticket_fields.json → 422 RecordInvalid'],
  ])('explains %s', (error, expected) => {
    expect(explainZendeskError(error)).toContain(expected);
  });
});
