// The Jira adapter's record of how far one decision's writes got, kept on the issue itself as the
// issue property `inscope.writes`, so that a retried job can tell what already landed although the
// process died or the answer was lost. On Zendesk a decision is one update; on Jira it is several
// calls, and only the labels (written last) commit the whole decision.
//
// Jira Cloud platform REST API v3: an issue property is set with `PUT /rest/api/3/issue/{key}/
// properties/{propertyKey}`, and also, in the same call as the write, through the `properties` of
// "Edit issue" (`PUT /rest/api/3/issue/{key}`) and "Transition issue" (`POST …/transitions`), both
// IssueUpdateDetails ("Details of issue properties to be add or update"); "Get issue" returns the
// ones named in `properties=` with the fields, so the re-read before the first write costs no call.
import { createHash } from 'node:crypto';

export const JIRA_LEDGER_PROPERTY = 'inscope.writes';

export type JiraWriteStep = 'category' | 'transition' | 'comment';

export interface JiraWriteLedger {
  /** Which write: a hash of the label edit that commits it (the decision label is among the labels). */
  readonly key: string;
  /** The issue's `updated` (Jira's clock) read before this write's first call: a comment it posted is newer. */
  readonly since: string | null;
  readonly done: readonly JiraWriteStep[];
  /**
   * The comment this write posts, as its first attempt planned it. A retry completes that write,
   * not one planned afresh: after the path guard's transition back to New has landed, a new plan
   * would no longer see the approval and would say something else than the note that explains it.
   */
  readonly comment?: { readonly body: string; readonly public: boolean };
}

/**
 * Longest comment the ledger keeps. "Set issue property": the value is a JSON blob of at most 32,768
 * characters, and JSON escaping (a newline takes two) can double a text; InScope's notes are a few
 * hundred. A longer comment is left out of the ledger, and a retry then completes the write with
 * the comment it plans afresh.
 */
export const MAX_LEDGER_COMMENT = 12_000;

/** The comment part of a new ledger: the planned comment, unless too long to keep. */
export function plannedComment(comment: { readonly body: string; readonly public: boolean } | undefined): JiraWriteLedger['comment'] {
  return comment && comment.body.length <= MAX_LEDGER_COMMENT ? { body: comment.body, public: comment.public } : undefined;
}

/** The write's key: the label edit that commits it, the same on every retry until it lands. */
export function jiraWriteKey(labelEdit: readonly Readonly<Record<string, string>>[]): string {
  const ops = labelEdit.map((op) => JSON.stringify(op)).sort();
  return createHash('sha256').update(ops.join('\n')).digest('hex').slice(0, 16);
}

/** The ledger as "Get issue" returned it in `properties`; null when absent or not ours. */
export function readJiraLedger(properties: unknown): JiraWriteLedger | null {
  const value = typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>)[JIRA_LEDGER_PROPERTY] : undefined;
  if (typeof value !== 'object' || value === null) return null;
  const { key, since, done, comment } = value as Record<string, unknown>;
  if (typeof key !== 'string' || !Array.isArray(done)) return null;
  const steps = done.filter((s): s is JiraWriteStep => s === 'category' || s === 'transition' || s === 'comment');
  const planned = comment as { body?: unknown; public?: unknown } | null | undefined;
  return {
    key,
    since: typeof since === 'string' ? since : null,
    done: steps,
    ...(typeof planned?.body === 'string' && typeof planned.public === 'boolean' && { comment: { body: planned.body, public: planned.public } }),
  };
}

export function withStep(ledger: JiraWriteLedger, step: JiraWriteStep): JiraWriteLedger {
  return ledger.done.includes(step) ? ledger : { ...ledger, done: [...ledger.done, step] };
}

/** The entity property InScope writes, in the shape "Edit issue" and "Transition issue" take. */
export function ledgerProperty(ledger: JiraWriteLedger): { key: string; value: JiraWriteLedger } {
  return { key: JIRA_LEDGER_PROPERTY, value: ledger };
}

/** Jira writes instants as `2026-11-27T10:00:00.000+0000`; Date.parse wants the offset as `+00:00`. */
export function jiraInstantMs(instant: string | null): number | null {
  if (instant === null) return null;
  const ms = Date.parse(instant.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(ms) ? null : ms;
}

export interface JiraRequestComment {
  readonly id: string;
  readonly body: string;
  readonly public: boolean;
  readonly createdMs: number | null;
}

const normalized = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The comment a previous attempt of this write posted, if it landed: same text, same visibility,
 * created after the ledger's `since`. JSM request comments take no entity properties ("Create
 * request comment" has only `body` and `public`; "Create attachment" only the temporary ids,
 * `public` and `additionalComment`), so the comment is recognised by what it says and when; the
 * ledger on the issue, written before the comment, says that an attempt may have posted it.
 */
export function findLandedComment(comments: readonly JiraRequestComment[], body: string, isPublic: boolean, since: string | null): JiraRequestComment | null {
  const after = jiraInstantMs(since);
  const wanted = normalized(body);
  return comments.find((c) => c.public === isPublic && normalized(c.body) === wanted && (after === null || c.createdMs === null || c.createdMs >= after)) ?? null;
}
