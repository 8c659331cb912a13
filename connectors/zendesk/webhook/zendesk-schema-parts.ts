// Zod building blocks shared by the event-subscription and trigger-body schemas. Zendesk sends ids
// as strings in event payloads and as numbers in the REST API; a trigger placeholder that has no
// value renders as an empty string. These parts absorb those differences once.
import { z } from 'zod';

// Options in the order they usually arrive (events send strings): a union tries them in turn, and
// every option that fails first costs a set of issue objects on a path that runs per delivery.
//
// Ids are written in one canonical form, the decimal of the number: "007" and "7" are one ticket
// (two spellings would be two tickets in the store and the queue), and an id the API client cannot
// hold as a number (past 2^53, e.g. 40 digits that would become 1e+40) is refused, not rounded.
export const idSchema = z
  .union([z.string().trim().regex(/^\d{1,16}$/, 'expected a numeric id'), z.number().int().nonnegative()])
  .transform((value) => Number(value))
  .refine(Number.isSafeInteger, 'expected a numeric id of at most 2^53 - 1')
  .transform(String);

/** An id that may be absent, null or rendered empty by a trigger placeholder. */
export const optionalIdSchema = z
  .union([z.null(), z.literal(''), idSchema])
  .optional()
  .transform((value) => (value === '' || value === null ? undefined : value));

export const instantSchema = z
  .string()
  .trim()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 date-time')
  .transform((value) => new Date(value).toISOString());

export const optionalInstantSchema = z
  .union([instantSchema, z.literal(''), z.null()])
  .optional()
  .transform((value) => (value === '' || value === null ? undefined : value));

export const optionalTextSchema = z
  .string()
  .nullish()
  .transform((value) => (value === null || value === undefined ? undefined : value));

/** Statuses and priorities arrive upper-case in events and lower-case from trigger placeholders. */
export const optionalLowerCaseSchema = z
  .string()
  .nullish()
  .transform((value) => {
    const trimmed = value?.trim().toLowerCase();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
  });

/** Events send an array of tags; the `{{ticket.tags}}` placeholder renders them space-separated. */
export const optionalTagsSchema = z
  .union([z.array(z.string()), z.string(), z.null()])
  .optional()
  .transform((value) => {
    if (value === null || value === undefined) return undefined;
    const tags = typeof value === 'string' ? value.split(/\s+/) : value;
    return tags.map((tag) => tag.trim()).filter((tag) => tag !== '');
  });

const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A custom field value: a scalar, a multi-select list, or (in some event versions) `{ value }`. */
export const fieldValueSchema = z
  .union([scalarSchema, z.array(z.string()), z.object({ value: z.union([scalarSchema, z.array(z.string())]) })])
  .transform((value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value.value : value));
