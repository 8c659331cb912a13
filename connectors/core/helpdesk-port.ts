// The one narrow port between the worker and a helpdesk: read a ticket as a work item with the
// values InScope manages, and apply a change to it. Zendesk and Jira are adapters behind it; the
// shadow adapter reads what a delivery carried and writes nothing.
import type { Category, Status, WorkItem } from '../../rules/index.js';

export interface TicketState {
  readonly item: WorkItem;
  /** The logical category currently set, or null when unset or not one of the mapped values. */
  readonly category: Category | null;
  /** The logical status: 'other' for any status InScope does not manage (Open, Pending, Solved…). */
  readonly status: Status | 'other' | null;
  readonly tags: readonly string[];
  /** Opaque version for optimistic concurrency (Zendesk: the ticket's updated_at). */
  readonly version: string | null;
  /**
   * The helpdesk's id of the requester, when the adapter knows it (Jira: the reporter's accountId),
   * compared with a reply's author. Zendesk's deliveries carry it themselves.
   */
  readonly requesterId?: string;
  /**
   * Present when `item.attachmentsUnread`: reads the attachments (Zendesk: the ticket's comments) and
   * returns the item with them. Call it through triageTicket, which does so only when the verdict
   * read the attachments.
   */
  readonly loadAttachments?: () => Promise<WorkItem>;
}

/** A file to attach to the change's comment (a proposal's PDF). */
export interface TicketAttachment {
  readonly filename: string;
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

export interface TicketChange {
  readonly category?: Category;
  readonly status?: Status;
  /** The complete new tag set. */
  readonly tags?: readonly string[];
  /**
   * Attachments are uploaded first and referenced in the same write as the rest of the change, so
   * a comment never appears without its files; a failed upload writes nothing.
   */
  readonly comment?: { readonly body: string; readonly public: boolean; readonly attachments?: readonly TicketAttachment[] };
  /** Close the ticket (Zendesk: status solved), e.g. after a declined proposal. */
  readonly solve?: boolean;
}

/** The change as the audit log keeps it: attachments by name and size, never their bytes. */
export function toAuditChange(change: TicketChange): unknown {
  const attachments = change.comment?.attachments;
  if (!attachments || !change.comment) return change;
  return { ...change, comment: { ...change.comment, attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.bytes.byteLength })) } };
}

export interface DeliveryHint {
  readonly eventType: string;
  readonly payload: string;
}

export interface HelpdeskPort {
  readonly kind: 'zendesk' | 'jira';
  /** False in shadow mode: apply() records what it would do and calls nothing. */
  readonly live: boolean;
  load(ticketId: string, deliveries: readonly DeliveryHint[]): Promise<TicketState>;
  /** Applies the change in one write; throws a HelpdeskError of kind 'conflict' when the ticket moved on. */
  apply(ticketId: string, change: TicketChange, expectedVersion: string | null): Promise<void>;
  /**
   * Whether the user takes part in the request on the customer's side besides the requester (JSM:
   * a request participant), so that their reply may accept a proposal. Absent: only the requester.
   */
  isCustomerParticipant?(ticketId: string, userId: string): Promise<boolean>;
}

export function isEmptyChange(change: TicketChange): boolean {
  return change.category === undefined && change.status === undefined && change.tags === undefined && change.comment === undefined && change.solve !== true;
}
