// Zod schema for the body of InScope's trigger webhook: the JSON an admin pastes into a Zendesk
// trigger, with placeholders that Zendesk fills in. Documented in docs/zendesk-webhooks.md; keep
// the two in step. Placeholders render as strings, so ids, numbers and tags all arrive as text.
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

/** The constant marker that tells an InScope trigger body apart from any other JSON. */
export const INSCOPE_TRIGGER_MARKER = 1;

export const inscopeTriggerSchema = z.object({
  inscope: z.union([z.literal(INSCOPE_TRIGGER_MARKER), z.literal(String(INSCOPE_TRIGGER_MARKER))]),
  account_id: optionalIdSchema,
  event_id: z.string().trim().min(1),
  event_type: z.literal('ticket.updated').optional(),
  occurred_at: instantSchema,
  actor_id: optionalIdSchema,
  ticket: z.object({
    id: idSchema,
    subject: optionalTextSchema,
    description: optionalTextSchema,
    status: optionalLowerCaseSchema,
    custom_status_id: optionalIdSchema,
    tags: optionalTagsSchema,
    organization_id: optionalIdSchema,
    requester_id: optionalIdSchema,
    // Required: the rules date the request by it, and a body without it would only fail in the
    // worker (a dead job) after it had been acknowledged.
    created_at: instantSchema,
    updated_at: optionalInstantSchema,
    priority: optionalLowerCaseSchema,
    via: optionalTextSchema,
    custom_fields: z.array(z.object({ id: idSchema, value: fieldValueSchema })).nullish(),
  }),
});
