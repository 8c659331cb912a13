// Public surface of the Zendesk API client: import from here, not from the individual files.
export { createZendeskClient } from './create-zendesk-client.js';
export type { TicketSideload, TicketWithSideloads, ZendeskClient, ZendeskClientOptions } from './create-zendesk-client.js';
export type { AuditSideload, TicketAuditsPage } from './get-ticket-audits-page.js';
export type { ZendeskAuth } from './zendesk-auth.js';
export type { CallRecord } from '../../shared/call-record.js';
export type * from './zendesk-api-types.js';
