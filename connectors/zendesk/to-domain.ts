// Maps a Zendesk ticket (plus optional sideloaded users/organizations and its comments) to the
// domain WorkItem, and reads the category and status that people set on it. Vendor shapes stop here.
import type { Attachment, FieldValue, WorkItem } from '../../rules/model.js';
import type {
  ZendeskAudit,
  ZendeskComment,
  ZendeskCustomField,
  ZendeskOrganization,
  ZendeskTicket,
  ZendeskUser,
} from './zendesk-types.js';

export interface ZendeskMappingContext {
  /** Logical field name (product, version…) → Zendesk custom field id, as in `helpdesks.zendesk.fields`. */
  readonly fields: Readonly<Record<string, number | string>>;
  /** Sideloaded with `?include=users`: gives the requester's e-mail and locale. */
  readonly users?: readonly ZendeskUser[];
  /** Sideloaded with `?include=organizations`: gives the organization's name. */
  readonly organizations?: readonly ZendeskOrganization[];
  /** From `GET /api/v2/tickets/{id}/comments`: Zendesk keeps attachments on comments, not on the ticket. */
  readonly comments?: readonly ZendeskComment[];
  /** From `GET /api/v2/tickets/{id}/audits`: the same attachments, on the audits' Comment events. */
  readonly audits?: readonly ZendeskAudit[];
}

/** The `helpdesks.zendesk` part of the config that says where category and status live. */
export interface ZendeskObservedMapping {
  readonly categoryField: number | string;
  readonly categories: Readonly<Record<string, string>>;
  readonly statuses: Readonly<Record<string, number | string>>;
}

export interface Observed {
  readonly category?: string;
  readonly status?: string;
}

// Mapping 100,000 tickets must stay cheap: inverted lookups are built once per config/sideload object.
const invertedCache = new WeakMap<object, Map<string, string>>();
const byIdCache = new WeakMap<object, Map<number, unknown>>();

function inverted(record: Readonly<Record<string, number | string>>): Map<string, string> {
  let map = invertedCache.get(record);
  if (map === undefined) {
    map = new Map();
    for (const [logical, vendor] of Object.entries(record)) map.set(String(vendor), logical);
    invertedCache.set(record, map);
  }
  return map;
}

function byId<T extends { readonly id: number }>(list: readonly T[], id: number): T | undefined {
  let map = byIdCache.get(list) as Map<number, T> | undefined;
  if (map === undefined) {
    map = new Map(list.map((entry) => [entry.id, entry]));
    byIdCache.set(list, map);
  }
  return map.get(id);
}

function toFieldValue(value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

function customFields(ticket: ZendeskTicket): readonly ZendeskCustomField[] {
  return ticket.custom_fields ?? ticket.fields ?? [];
}

// The audit events that are comments (Ticket Audit events reference: Comment, VoiceComment); the
// others (Change, Notification…) carry no attachments of the ticket's conversation.
const COMMENT_EVENTS = new Set(['Comment', 'VoiceComment']);

function commentsOf(ctx: ZendeskMappingContext): readonly ZendeskComment[] {
  if (ctx.audits === undefined) return ctx.comments ?? [];
  return ctx.audits.flatMap((audit) => (audit.events ?? []).filter((event) => COMMENT_EVENTS.has(event.type ?? '')));
}

function collectAttachments(comments: readonly ZendeskComment[]): Attachment[] {
  const attachments: Attachment[] = [];
  for (const comment of comments) {
    for (const file of comment.attachments ?? []) {
      // The comments read leaves inline images out unless asked (`include_inline_images`); an audit's
      // Comment event may list them: either way they are part of the text, not files the customer sent.
      if (file.inline === true) continue;
      attachments.push({
        filename: file.file_name,
        ...(file.content_type !== undefined && { contentType: file.content_type }),
        ...(file.size !== undefined && { size: file.size }),
      });
    }
  }
  return attachments;
}

export function zendeskTicketToWorkItem(ticket: ZendeskTicket, ctx: ZendeskMappingContext): WorkItem {
  if (ticket.id === undefined || ticket.id === null) throw new Error('Zendesk ticket has no id');
  const fieldNames = inverted(ctx.fields);
  const fields: Record<string, FieldValue> = {};
  for (const field of customFields(ticket)) {
    const logical = fieldNames.get(String(field.id));
    // An empty custom field is "not set": leaving it out lets the engine fall back to the text.
    if (logical !== undefined && field.value !== null && field.value !== '') fields[logical] = toFieldValue(field.value);
  }
  const requester =
    ticket.requester_id !== undefined && ctx.users !== undefined ? byId(ctx.users, ticket.requester_id) : undefined;
  const organization =
    typeof ticket.organization_id === 'number' && ctx.organizations !== undefined
      ? byId(ctx.organizations, ticket.organization_id)
      : undefined;
  const email = requester?.email ?? ticket.requester?.email ?? ticket.via?.source?.from?.address;
  const locale = requester?.locale ?? ticket.requester?.locale;
  const channel = ticket.via?.channel;
  return {
    id: String(ticket.id),
    subject: ticket.subject ?? ticket.raw_subject ?? '',
    description: ticket.description ?? '',
    createdAt: ticket.created_at ?? '',
    ...(email != null && { requesterEmail: email }),
    ...(locale != null && { requesterLocale: locale }),
    ...(ticket.organization_id != null && { organizationId: String(ticket.organization_id) }),
    ...(organization?.name !== undefined && { organizationName: organization.name }),
    tags: ticket.tags ?? [],
    ...(ticket.ticket_form_id != null && { form: String(ticket.ticket_form_id) }),
    ...(ticket.priority != null && { priority: ticket.priority }),
    ...(channel !== undefined && { channel }),
    fields,
    attachments: collectAttachments(commentsOf(ctx)),
  };
}

/**
 * The category and status a person (or an earlier run) set: the category dropdown's option tag and
 * the custom status id, translated back to logical names. Values the config does not know are
 * returned as they are, so a report can show them.
 */
export function zendeskObserved(ticket: ZendeskTicket, mapping: ZendeskObservedMapping): Observed {
  const categoryField = String(mapping.categoryField);
  const raw = customFields(ticket).find((field) => String(field.id) === categoryField)?.value;
  const tag = raw === null || raw === undefined || raw === '' ? undefined : String(raw);
  const category = tag === undefined ? undefined : (inverted(mapping.categories).get(tag) ?? tag);
  const statusId = ticket.custom_status_id;
  const status = statusId == null ? undefined : (inverted(mapping.statuses).get(String(statusId)) ?? String(statusId));
  return {
    ...(category !== undefined && { category }),
    ...(status !== undefined && { status }),
  };
}
