// The one shape every Jira webhook delivery is reduced to. Downstream code (queue, store, worker)
// sees only this; the issue snapshot lets shadow mode triage without API credentials.
import { createHash } from 'node:crypto';
import type { JiraIssue } from '../to-domain.js';

/** Events InScope acts on (admin webhooks, Jira Cloud platform "Webhooks" › "Issue" and "Comment" events). */
export const JIRA_EVENT_TYPES = ['jira:issue_created', 'jira:issue_updated', 'comment_created'] as const;

export type JiraEventType = (typeof JIRA_EVENT_TYPES)[number];

export interface JiraChangelogItem {
  readonly field: string;
  readonly fieldId?: string;
  readonly from?: string | null;
  readonly fromString?: string | null;
  readonly to?: string | null;
  readonly toString?: string | null;
}

export interface JiraDelivery {
  /** `X-Atlassian-Webhook-Identifier`: stable across Jira's retries, so it is the retry key. */
  readonly deliveryId: string;
  /**
   * `sha256:<hex>` of the signed raw body (jiraBodyEventId). The identifier header is not signed:
   * a captured body re-sent under fresh identifiers is still one event, so the store dedupes on this too.
   */
  readonly eventId: string;
  readonly eventType: JiraEventType;
  /** The issue key (e.g. `SUP-231`): the ticket id InScope uses for Jira. */
  readonly ticketId: string;
  readonly issueId: string;
  /** Epoch ms from the payload's signed `timestamp`; required, it bounds the replay window. */
  readonly occurredAt: number;
  /** accountId of whoever caused the event (`user`, or the comment's author). */
  readonly actorAccountId?: string;
  /** `X-Atlassian-Webhook-Retry`: 0 for the first attempt. */
  readonly retry?: number;
  readonly issue: JiraIssue;
  readonly changelog?: readonly JiraChangelogItem[];
  /** A comment event's comment: `public` is JSM's `jsdPublic`; the text is kept for accept-by-reply. */
  readonly comment?: { readonly id?: string; readonly public?: boolean; readonly authorId?: string; readonly body?: string };
}

/** The event id of a delivery: the hash of exactly the bytes the signature covers. */
export function jiraBodyEventId(rawBody: Buffer): string {
  return `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}
