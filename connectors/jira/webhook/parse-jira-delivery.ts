// Turns a verified, JSON-parsed Jira webhook body plus its headers into a JiraDelivery. Validates
// only the fields InScope reads and reports the path of the first problems.
//
// Payload shape (Jira Cloud platform, "Webhooks" › "Example callback for an issue-related event"):
// `{ timestamp, webhookEvent, issue_event_type_name, user: { accountId }, issue: { id, key, fields },
// changelog: { id, items: [{ field, fieldId, from, fromString, to, toString }] } }`; a comment event
// carries `comment: { id, author: { accountId }, body, jsdPublic? }` with the issue it belongs to.
import { z } from 'zod';
import type { JiraChangelogItem, JiraDelivery, JiraEventType } from './jira-delivery.js';
import { flattenAdf } from '../to-domain.js';
import { JIRA_EVENT_TYPES, jiraBodyEventId } from './jira-delivery.js';

export type JiraHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface DeliveryIssue {
  readonly path: string;
  readonly message: string;
}

export type ParseJiraDeliveryResult =
  | { readonly ok: true; readonly delivery: JiraDelivery }
  | { readonly ok: false; readonly reason: 'unsupported'; readonly eventType: string }
  | { readonly ok: false; readonly reason: 'invalid'; readonly issues: readonly DeliveryIssue[] };

export const IDENTIFIER_HEADER = 'x-atlassian-webhook-identifier';
export const RETRY_HEADER = 'x-atlassian-webhook-retry';

const idSchema = z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform(String);
const nullableText = z.string().nullish();

const bodySchema = z.object({
  webhookEvent: z.string(),
  // Every Jira Cloud webhook body carries it; it is the only signed time, so it is required.
  timestamp: z.number().int().nonnegative(),
  user: z.object({ accountId: z.string().optional() }).nullish(),
  issue: z.object({
    id: idSchema,
    key: z.string().trim().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'expected an issue key such as SUP-231'),
    fields: z.record(z.string(), z.unknown()).optional(),
  }),
  changelog: z
    .object({
      items: z.array(z.object({ field: z.string(), fieldId: z.string().optional(), from: nullableText, fromString: nullableText, to: nullableText, toString: nullableText })).default([]),
    })
    .nullish(),
  comment: z
    .object({ id: idSchema.optional(), author: z.object({ accountId: z.string().optional() }).nullish(), body: z.unknown().optional(), jsdPublic: z.boolean().optional() })
    .nullish(),
});

/** `rawBody`: the signed bytes, whose hash is the event id (jiraBodyEventId). */
export function parseJiraDelivery(json: unknown, headers: JiraHeaders, rawBody: Buffer): ParseJiraDeliveryResult {
  const identifier = headerValue(headers, IDENTIFIER_HEADER);
  if (identifier === undefined) return invalid([{ path: `headers.${IDENTIFIER_HEADER}`, message: 'required' }]);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return invalid([{ path: '(body)', message: 'expected a JSON object' }]);
  const event = (json as { webhookEvent?: unknown }).webhookEvent;
  if (typeof event !== 'string') return invalid([{ path: 'webhookEvent', message: 'required' }]);
  const eventType = JIRA_EVENT_TYPES.find((known) => known === event);
  if (eventType === undefined) return { ok: false, reason: 'unsupported', eventType: event };

  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    return invalid(parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message })));
  }
  const body = parsed.data;
  if (nestedDeeperThan(body.issue.fields, MAX_FIELDS_DEPTH)) return invalid([{ path: 'issue.fields', message: `nested more than ${MAX_FIELDS_DEPTH} levels deep` }]);
  const actor = body.user?.accountId ?? body.comment?.author?.accountId;
  const retry = Number(headerValue(headers, RETRY_HEADER));
  const delivery: JiraDelivery = {
    deliveryId: identifier,
    eventId: jiraBodyEventId(rawBody),
    eventType: eventType satisfies JiraEventType,
    ticketId: body.issue.key,
    issueId: body.issue.id,
    issue: { id: body.issue.id, key: body.issue.key, fields: body.issue.fields ?? {} },
    occurredAt: body.timestamp,
    ...(actor !== undefined && { actorAccountId: actor }),
    ...(Number.isInteger(retry) && retry >= 0 && { retry }),
    ...(body.changelog && { changelog: body.changelog.items.map(compactItem) }),
    ...(body.comment && { comment: compactComment(body.comment) }),
  };
  return { ok: true, delivery };
}

/** Longest comment text kept: enough to read a reply's first lines ("akkoord"), not a whole thread. */
const MAX_COMMENT_TEXT = 4000;

function compactComment(comment: { id?: string | undefined; author?: { accountId?: string | undefined } | null | undefined; body?: unknown; jsdPublic?: boolean | undefined }): NonNullable<JiraDelivery['comment']> {
  // Webhook comments arrive as plain text (wiki markup) or, on some sites, as ADF: both read as text.
  const text = typeof comment.body === 'string' ? comment.body : comment.body === undefined || comment.body === null ? undefined : flattenAdf(comment.body);
  return {
    ...(comment.id !== undefined && { id: comment.id }),
    ...(comment.jsdPublic !== undefined && { public: comment.jsdPublic }),
    ...(typeof comment.author?.accountId === 'string' && { authorId: comment.author.accountId }),
    ...(text !== undefined && text !== '' && { body: text.slice(0, MAX_COMMENT_TEXT) }),
  };
}

function compactItem(item: { field: string }): JiraChangelogItem {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as unknown as JiraChangelogItem;
}

/**
 * Issue fields are stored as they came; ADF descriptions nest a few dozen levels at most. Far deeper
 * input overflowed the stack when the delivery was serialised for the queue (a 503 Jira retries).
 */
const MAX_FIELDS_DEPTH = 256;

function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: (readonly [unknown, number])[] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

export function headerValue(headers: JiraHeaders, name: string): string | undefined {
  const raw = headers[name];
  const value = (Array.isArray(raw) ? raw[0] : raw) as string | undefined;
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function invalid(issues: readonly DeliveryIssue[]): ParseJiraDeliveryResult {
  return { ok: false, reason: 'invalid', issues };
}
