// Zod schema for the fields InScope reads from a Zendesk event-subscription delivery. Anything else
// in the payload passes through unread.
//
// Envelope and `detail` properties: Zendesk API reference, "Webhook event types" and "Ticket events"
// (https://developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types/,
// https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/):
// `{ type, account_id, id, time, zendesk_event_version, subject: "zen:ticket:<id>", detail, event }`;
// `detail` holds actor_id, created_at, custom_status, description, id, organization_id, priority,
// requester_id, status, subject, tags, updated_at, via.channel (ids as strings, status and priority
// upper-case such as "OPEN", "HIGH").
// `event` per type, as in the reference's examples:
//   ticket.created         → `{}`
//   ticket.status_changed  → `{ current: "SOLVED", previous: "OPEN" }`
//   ticket.comment_added   → `{ comment: { id, body, is_public, author: { id, is_staff, name } } }`
//   ticket.custom_field_changed → `{ custom_field: { id, title, ... }, current, previous }`. The
//     exact value shape of `current` is not shown in what we could read of the reference (partly
//     unconfirmed): a scalar, a list, or `{ value }` are all accepted.
import { z } from 'zod';
import {
  fieldValueSchema,
  idSchema,
  instantSchema,
  optionalIdSchema,
  optionalInstantSchema,
  optionalLowerCaseSchema,
  optionalTagsSchema,
  optionalTextSchema,
} from './zendesk-schema-parts.js';

export const ZENDESK_EVENT_PREFIX = 'zen:event-type:';

export const zendeskEventEnvelopeSchema = z.object({
  type: z.string().startsWith(ZENDESK_EVENT_PREFIX),
  account_id: optionalIdSchema,
  id: z.string().trim().min(1),
  time: instantSchema,
  detail: z.object({
    id: idSchema,
    actor_id: optionalIdSchema,
    subject: optionalTextSchema,
    description: optionalTextSchema,
    status: optionalLowerCaseSchema,
    custom_status: optionalIdSchema,
    tags: optionalTagsSchema,
    organization_id: optionalIdSchema,
    requester_id: optionalIdSchema,
    created_at: optionalInstantSchema,
    updated_at: optionalInstantSchema,
    priority: optionalLowerCaseSchema,
    via: z.object({ channel: optionalTextSchema }).nullish(),
  }),
  event: z.unknown().optional(),
});

export const statusChangedEventSchema = z.object({
  current: optionalLowerCaseSchema,
  previous: optionalLowerCaseSchema,
});

export const customFieldChangedEventSchema = z.object({
  custom_field: z.object({ id: idSchema }),
  current: fieldValueSchema.optional(),
});

export const commentAddedEventSchema = z.object({
  comment: z.object({
    body: optionalTextSchema,
    is_public: z.boolean().nullish(),
    author: z.object({ id: optionalIdSchema }).nullish(),
  }),
});
