// Whether one "Transition issue" call can carry a whole decision (category, labels and comment
// beside the status), and the `fields` and `update` it then sends. Jira Cloud platform REST API v3,
// POST /rest/api/3/issue/{key}/transitions: "Performs an issue transition and, if the transition has
// a screen, updates the fields from the transition screen … specify the fields in the `fields` or
// `update` parameters"; the fields a transition takes are its `transitions.fields` ("If a field is
// not configured to appear on the transition screen, then it will not be in the transition
// metadata, and a field validation error will occur if it is submitted"). A comment is added
// through the screen too: without one Jira does not add it (JIRA::REST's transition example: "the
// comment will not be added if the transition doesn't have a screen"), so `hasScreen` must say so.
// Anything short of the whole decision is not folded: the write then goes the several-call way,
// whose ledger (jira-write-ledger.ts) keeps a retried job from doubling a comment.
import type { JiraIssueEdit, JiraTransition } from './client/jira-api-types.js';
import { toAdf } from './to-adf.js';

export interface FoldInput {
  readonly categoryField: string;
  /** `{ [categoryField]: { value } }`, or undefined when the category is not changed. */
  readonly category: Readonly<Record<string, unknown>> | undefined;
  /** The label verbs (`{ add }`, `{ remove }`); empty when the labels are not changed. */
  readonly labels: readonly Readonly<Record<string, string>>[];
  readonly comment: { readonly body: string; readonly public: boolean; readonly attachments?: readonly unknown[] } | undefined;
  /** Whether an internal note may ride a transition (see `internalNotesOnTransitions`). */
  readonly internalNotes: boolean;
}

const allows = (transition: JiraTransition, field: string, operation: string): boolean => transition.fields?.[field]?.includes(operation) === true;

/**
 * The comment as the platform takes it: an ADF body, and its JSM visibility as the comment property
 * `sd.public.comment` ({ internal: true } is an internal note, { internal: false } shared with the
 * customer; JSM reads this property for a comment made through the platform API, e.g. "Add comment"
 * with `properties`; the Comment object carries `properties` wherever a comment is created).
 */
export function platformComment(comment: { readonly body: string; readonly public: boolean }) {
  return { body: toAdf(comment.body), properties: [{ key: 'sd.public.comment', value: { internal: !comment.public } }] };
}

/** The `fields` and `update` that make the transition carry the whole decision, or null when it cannot. */
export function foldIntoTransition(transition: JiraTransition, input: FoldInput): Pick<JiraIssueEdit, 'fields' | 'update'> | null {
  const { category, labels, comment } = input;
  if (category === undefined && labels.length === 0 && comment === undefined) return null;
  if (category !== undefined && !allows(transition, input.categoryField, 'set')) return null;
  // Label verbs need both operations when both are sent; a screen's Labels field offers add, set and remove.
  if (labels.some((l) => l['add'] !== undefined) && !allows(transition, 'labels', 'add')) return null;
  if (labels.some((l) => l['remove'] !== undefined) && !allows(transition, 'labels', 'remove')) return null;
  if (comment !== undefined) {
    // Files go through JSM's request attachment, which no transition carries.
    if ((comment.attachments?.length ?? 0) > 0 || transition.hasScreen !== true) return null;
    if (!comment.public && !input.internalNotes) return null;
  }
  const update: Record<string, Readonly<Record<string, unknown>>[]> = {};
  if (labels.length > 0) update['labels'] = [...labels];
  if (comment !== undefined) update['comment'] = [{ add: platformComment(comment) }];
  return { ...(category !== undefined && { fields: category }), ...(Object.keys(update).length > 0 && { update }) };
}
