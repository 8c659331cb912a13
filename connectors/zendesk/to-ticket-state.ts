// The port's view of a Zendesk ticket as read: the work item with the category, status and tags
// InScope manages, and `updated_at` as the version its safe update sends back as `updated_stamp`.
import type { WorkItem } from '../../rules/index.js';
import type { TicketState } from '../core/helpdesk-port.js';
import type { ZendeskTicket } from './client/index.js';
import { logicalCategory, logicalStatus, type ZendeskMapping } from './zendesk-mapping.js';

export function toTicketState(ticket: ZendeskTicket, item: WorkItem, mapping: ZendeskMapping, loadAttachments?: () => Promise<WorkItem>): TicketState {
  const category = (ticket.custom_fields ?? []).find((f) => String(f.id) === String(mapping.categoryField))?.value;
  return {
    item,
    category: logicalCategory(category, mapping),
    status: logicalStatus(ticket.custom_status_id, mapping),
    tags: ticket.tags ?? [],
    version: ticket.updated_at ?? null,
    ...(loadAttachments && { loadAttachments }),
  };
}
