// Turns a HelpdeskError from the Zendesk client into one sentence an operator can act on. The
// client's messages carry method, path and status only, never credentials, so they can be shown.
import type { HelpdeskError } from '../../shared/helpdesk-error.js';

export function explainZendeskError(error: HelpdeskError): string {
  const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  switch (error.kind) {
    case 'auth':
      return error.status === 403
        ? `Zendesk refused the request${status}: the API user must be an admin (setup and the incremental export need one). ${error.message}`
        : `Zendesk did not accept the credentials${status}: check ZENDESK_EMAIL/ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN) and ZENDESK_SUBDOMAIN. ${error.message}`;
    case 'notFound':
      return `Zendesk answered not found${status}: check ZENDESK_SUBDOMAIN (and ZENDESK_BASE_URL if set). ${error.message}`;
    case 'rateLimit': {
      const wait = error.retryAfterMs === undefined ? '' : ` in ${Math.ceil(error.retryAfterMs / 1000)} s`;
      return `Zendesk's rate limit was reached${status}: try again${wait}, or lower ZENDESK_RATE_LIMIT to your plan's limit. ${error.message}`;
    }
    case 'network':
      return `Could not reach Zendesk${error.code ? ` (${error.code})` : ''}: check ZENDESK_SUBDOMAIN, ZENDESK_BASE_URL and the network. ${error.message}`;
    case 'server':
      return `Zendesk had a server error${status}: try again later. ${error.message}`;
    case 'validation':
      return `Zendesk refused the request${status}: ${error.message}`;
    default:
      return error.message;
  }
}
