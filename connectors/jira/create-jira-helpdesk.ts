// The live Jira Service Management adapter behind the helpdesk port. `load` is one GET of the issue
// with the mapped fields, the transitions open from its status (with their screens' fields) and the
// write ledger (the `inscope.writes` issue property, jira-write-ledger.ts). `apply` makes a decision
// one call where Jira allows: a transition whose screen takes the category, the labels and a comment
// carries them all (fold-into-transition.ts), and it lands whole or not at all, so a retry finds the
// labels and plans nothing, or finds nothing and writes it again. A decision that posts files (a
// proposal) posts them first, then the transition (carrying category and labels where it can) and
// the labels: the files on the issue tell a retry the comment landed (applyWithFiles). Otherwise it
// writes in the order that keeps a retried job safe:
//   1. read: the load's `updated`, labels and ledger when the apply follows it within
//      `freshForMs` and on the version it returned; otherwise (no load, an older one, another
//      version) a re-read of those three in one GET; the transition resolved before any write;
//      on a retry whose ledger says a comment may have landed, the request's comments (one GET);
//      then the comment's files (a proposal PDF) as JSM temporary files, so that a failed upload
//      writes nothing else;
//   2. the category (`PUT /rest/api/3/issue/{key}`, select field as `{ value }`), with the ledger,
//      when no transition follows (or this workflow step wanted it first); else it goes in step 5;
//   3. the status, through the transition whose target is the mapped status name, with the ledger
//      marking the transition done in the same call;
//   4. the comment, through the JSM request comment API (plain text, `public` true or false); with
//      files, the JSM request attachment that carries them and the comment in one call. The ledger
//      is on the issue before it (written with step 2 or 3, else by itself: one more call);
//   5. the labels last, with the decision label among them: the commit marker of the whole write;
//      behind a transition, the category in the same edit.
// Jira has no safe_update: optimistic concurrency is approximated by comparing `fields.updated`
// with the version the decision was made on (a change in between is a 'conflict', and the worker
// reads and decides again). No check can close the gap: Jira's "Edit issue" and "Transition issue"
// take no expected version (IssueUpdateDetails: transition, fields, update, historyMetadata,
// properties; Jira Cloud platform REST API v3), so an edit that lands after the last read is
// written over, re-read or not. A re-read only moved the start of that gap from the load to just
// before the first write; the load itself serves when it is younger than `freshForMs` (default
// 2 s: the triage and the audit look-up between them take milliseconds, a proposal's PDF longer),
// so the gap grows by at most that, and an older load is read again as before. A job that dies (or
// loses an answer) before step 5 is retried; the ledger then says which steps landed, they are skipped, and the rest is
// written: no comment, attachment or transition twice. Once step 5 is done, the same decision plans
// no change (plan-decision.ts). docs/jira-setup.md, "Exactly once", lists the crash points.
import type { HelpdeskPort, TicketChange, TicketState } from '../core/helpdesk-port.js';
import { HelpdeskError, isValidationError } from '../shared/helpdesk-error.js';
import type { JiraClient } from './client/create-jira-client.js';
import type { JiraTransition } from './client/jira-api-types.js';
import { createTtlCache } from '../shared/ttl-cache.js';
import { jiraIssueToWorkItem } from './to-domain.js';
import { jiraReadFields, jiraTicketState, labelChanges, type JiraMapping } from './jira-mapping.js';
import { foldIntoTransition } from './fold-into-transition.js';
import { findLandedComment, JIRA_LEDGER_PROPERTY, jiraWriteKey, ledgerProperty, plannedComment, readJiraLedger, withStep, type JiraWriteLedger } from './jira-write-ledger.js';

export const HIDDEN_TRANSITION_HINT = 'a JSM approval step or the workflow hides the transition';

export interface JiraHelpdeskOptions {
  /** How long the transitions a load read stay good for the apply that follows. Default 60 s. */
  readonly transitionTtlMs?: number;
  /**
   * How long the labels, `updated` and ledger a load read stand in for the re-read before the first
   * write of the apply that follows (on the same version). Default 2 s; 0 re-reads always.
   */
  readonly freshForMs?: number;
  /**
   * How long a workflow step that wanted the category before its transition, or refused a
   * transition carrying the decision, is remembered. Default 10 min.
   */
  readonly workflowTtlMs?: number;
  /**
   * Whether an internal note may ride a transition as a platform comment with `sd.public.comment`
   * `{ internal: true }`. Atlassian documents one way to make a comment internal ("Comment.jsdPublic
   * … Defaults to true when comments are created in the Jira Cloud Platform … To create a comment with
   * its visibility in Jira Service Desk set to false, use the Jira Service Desk REST API Create request
   * comment operation"); the property is what JSM stores and widely set through "Add comment", but
   * that JSM honours it on a comment added through a transition's `update.comment` is *unconfirmed*,
   * and a wrong guess shows the agents' note to the customer. So by default (false, or
   * `helpdesks.jira.internalNotesOnTransitions` in the config) internal notes go through the JSM API
   * in a call of their own; a comment to the customer rides either way (public is the platform's
   * default). Default: the mapping's setting, else false.
   */
  readonly internalNotesOnTransitions?: boolean;
  /** Clock for the times-to-live. Default Date.now. */
  readonly now?: () => number;
}

/** What apply needs of the issue before its first write, as the load (or the re-read) saw it. */
interface IssueSnapshot {
  readonly version: string | null;
  readonly labels: readonly string[];
  readonly ledger: JiraWriteLedger | null;
  /** The file names of the issue's attachments (the `attachment` field), when the read asked for it. */
  readonly files: readonly string[];
}

const idOf = (value: unknown): string | null => {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
};

/**
 * Where in which workflow a transition starts: project, issue type and status (a workflow belongs
 * to a project's issue type; transition ids are per workflow). Null without the load's fields.
 */
function workflowStep(key: string, stepOf: { get(key: string): string | undefined }, transitionId: string): string | null {
  const from = stepOf.get(key);
  return from === undefined ? null : `${from}/${transitionId}`;
}

/** Whether Jira's 400 body (`{ errorMessages, errors: { field: message } }`) names a field. */
function namesFields(error: unknown): boolean {
  const body = (error as { cause?: { body?: { errors?: unknown } } }).cause?.body;
  return typeof body?.errors === 'object' && body.errors !== null && Object.keys(body.errors).length > 0;
}

function toSnapshot(issue: { readonly fields?: Readonly<Record<string, unknown>>; readonly properties?: unknown }): IssueSnapshot {
  const updated = issue.fields?.['updated'];
  const labels = issue.fields?.['labels'];
  const files = issue.fields?.['attachment'];
  return {
    version: typeof updated === 'string' ? updated : null,
    labels: Array.isArray(labels) ? labels.filter((l): l is string => typeof l === 'string') : [],
    ledger: readJiraLedger(issue.properties),
    files: Array.isArray(files) ? files.flatMap((f: { filename?: unknown } | null) => (typeof f?.filename === 'string' ? [f.filename] : [])) : [],
  };
}

export function createJiraHelpdesk(client: JiraClient, mapping: JiraMapping, options: JiraHelpdeskOptions = {}): HelpdeskPort {
  const readFields = jiraReadFields(mapping);
  // Per issue and per read, not per workflow and status: Jira lists the transitions this user may
  // take on this issue now (conditions and JSM approval steps can differ between issues in one
  // status), and the list comes free with the load. Used once: after a transition it is stale.
  const offered = createTtlCache<string, readonly JiraTransition[]>({ ttlMs: options.transitionTtlMs ?? 60_000, ...(options.now && { now: options.now }) });
  // The load's view of the issue, for the one apply that follows it; used once, as any write moves
  // `updated`. Its age counts from when the load was asked for, so the load's own round trip counts.
  const now = options.now ?? Date.now;
  const freshForMs = options.freshForMs ?? 2_000;
  const loaded = createTtlCache<string, IssueSnapshot & { readonly askedAt: number }>({ ttlMs: freshForMs, now });
  // The project, issue type and status each loaded issue was in, and the workflow steps (those plus
  // a transition) that refused to move an issue before its category was set: a short time to live,
  // so that an admin's change to the workflow is seen within minutes.
  const stepOf = createTtlCache<string, string>({ ttlMs: options.transitionTtlMs ?? 60_000, now });
  const categoryBefore = createTtlCache<string, boolean>({ ttlMs: options.workflowTtlMs ?? 10 * 60_000, now });
  // Workflow steps whose transition refused to carry the decision (a 400: its screen, or a validator,
  // said no although the metadata offered the fields): the next issue there goes the several-call way.
  const foldRefused = createTtlCache<string, boolean>({ ttlMs: options.workflowTtlMs ?? 10 * 60_000, now });
  const internalNotes = options.internalNotesOnTransitions ?? mapping.internalNotesOnTransitions ?? false;

  async function transitionTo(key: string, status: NonNullable<TicketChange['status']> | 'solved'): Promise<JiraTransition> {
    const target = status === 'solved' ? 'a Done status' : mapping.statuses[status];
    const pick = (list: readonly JiraTransition[]) =>
      status === 'solved'
        ? list.find((t) => t.to?.category === 'done')
        : list.find((t) => t.to?.name !== undefined && t.to.name.localeCompare(target, undefined, { sensitivity: 'accent' }) === 0);
    const loaded = offered.get(key);
    offered.delete(key);
    let transitions = loaded ?? (await client.getTransitions(key));
    let match = pick(transitions);
    // The issue may have moved on since the load: ask Jira before calling the workflow misconfigured.
    if (!match && loaded) match = pick((transitions = await client.getTransitions(key)));
    if (!match) {
      const offered = transitions.map((t) => t.to?.name ?? t.name ?? t.id).join(', ') || 'none';
      throw new HelpdeskError('config', `No transition to "${target}" is available to InScope's Jira user on ${key} (offered: ${offered}): ${HIDDEN_TRANSITION_HINT} to ${target} from the bot`);
    }
    return match;
  }

  /**
   * The whole decision in the transition's one call, when its screen takes every part of it; true
   * when that landed. A 400 means Jira refused before changing anything (a field its screen does not
   * show after all, or a validator), so the caller writes the decision the several-call way.
   */
  async function foldedTransition(key: string, transition: JiraTransition, change: { category: Record<string, unknown> | undefined; labels: readonly Record<string, string>[]; comment: TicketChange['comment'] }): Promise<boolean> {
    const step = workflowStep(key, stepOf, transition.id);
    if (step !== null && foldRefused.get(step) === true) return false;
    const edit = foldIntoTransition(transition, { categoryField: mapping.categoryField, category: change.category, labels: change.labels, comment: change.comment, internalNotes });
    if (edit === null) return false;
    try {
      await client.doTransition(key, transition.id, undefined, edit);
      return true;
    } catch (error) {
      if (!isValidationError(error)) throw error;
      // Only a refusal that names fields says something about the step's screen; "a workflow
      // operation that is not valid" (the issue moved on) does not, and the next issue may fold.
      if (step !== null && namesFields(error)) foldRefused.set(step, true);
      return false;
    }
  }

  /**
   * Files go through JSM's own flow, the one whose `public` the portal honours: the platform's issue
   * attachments (POST /rest/api/3/issue/{key}/attachments) JSM shows to agents only. Jira Service
   * Management REST API, "servicedesk › Attach temporary file" and "request › Create attachment"
   * (temporary ids expire, so they are used within this one apply). Uploaded before any write, so
   * that a failed upload writes nothing else.
   */
  async function uploadFiles(key: string, comment: TicketChange['comment']): Promise<string[]> {
    const files = comment?.attachments ?? [];
    return files.length > 0 ? client.attachTemporaryFiles(await client.getRequestServiceDeskId(key), files) : [];
  }

  async function postComment(key: string, comment: NonNullable<TicketChange['comment']>, temporaryIds: readonly string[]): Promise<void> {
    if (temporaryIds.length > 0) await client.addRequestAttachments(key, temporaryIds, comment.public, comment.body);
    else await client.addRequestComment(key, comment.body, comment.public);
  }

  /**
   * A decision whose comment carries files (a proposal): the request attachment first, then the
   * transition and the labels that commit it, the transition carrying the category and the labels
   * where its screen shows them (two writes and the upload), else a label edit after it. It keeps no
   * ledger: the files themselves say the comment landed. A retry finds them among the issue's
   * attachments (read with the issue; InScope's files are named by proposal number and version, so a
   * name is one proposal) and posts neither them nor their comment again; a transition that landed
   * leaves the status the plan no longer changes. The transition is resolved before any write, so a
   * workflow that hides it writes nothing.
   */
  async function applyWithFiles(
    key: string,
    write: { wanted: NonNullable<TicketChange['status']> | 'solved' | undefined; category: Record<string, unknown> | undefined; labels: Record<string, string>[]; comment: NonNullable<TicketChange['comment']>; files: readonly string[] },
  ): Promise<void> {
    const transition = write.wanted === undefined ? undefined : await transitionTo(key, write.wanted);
    const landed = (write.comment.attachments ?? []).every((f) => write.files.includes(f.filename));
    if (!landed) await postComment(key, write.comment, await uploadFiles(key, write.comment));
    if (transition && (await foldedTransition(key, transition, { category: write.category, labels: write.labels, comment: undefined }))) return;
    if (transition) {
      try {
        await client.doTransition(key, transition.id);
      } catch (error) {
        // A validator that wants the category before the transition (a 400: nothing changed).
        if (write.category === undefined || !isValidationError(error)) throw error;
        await client.editIssue(key, { fields: write.category });
        await client.doTransition(key, transition.id);
      }
    }
    await client.editIssue(key, { ...(write.category && { fields: write.category }), update: { labels: write.labels } });
  }

  return {
    kind: 'jira',
    live: true,
    async load(ticketId): Promise<TicketState> {
      // With the transitions open from its status (`expand=transitions`) and the write ledger, for
      // the apply that follows: "Get issue" returns the properties named in `properties` beside the
      // fields (Jira Cloud platform REST API v3), so the ledger costs no call of its own.
      const askedAt = now();
      const issue = await client.getIssueWithTransitions(ticketId, readFields, [JIRA_LEDGER_PROPERTY]);
      offered.set(ticketId, issue.transitions);
      loaded.set(ticketId, { ...toSnapshot(issue), askedAt });
      const project = /^([A-Z][A-Z0-9_]*)-\d+$/.exec(ticketId)?.[1];
      const issueType = idOf(issue.fields?.['issuetype']);
      const status = idOf(issue.fields?.['status']);
      if (project !== undefined && issueType !== null && status !== null) stepOf.set(ticketId, `${project}/${issueType}/${status}`);
      return jiraTicketState(issue, jiraIssueToWorkItem(issue, { fields: mapping.fields }), mapping);
    },
    async isCustomerParticipant(ticketId, userId) {
      return (await client.getRequestParticipants(ticketId)).includes(userId);
    },
    async apply(ticketId, change, expectedVersion) {
      let currentLabels: readonly string[] | null = null;
      let onIssue: JiraWriteLedger | null = null;
      let since: string | null = null;
      let files: readonly string[] = [];
      const kept = loaded.get(ticketId);
      loaded.delete(ticketId);
      const recent = kept && now() - kept.askedAt < freshForMs ? kept : undefined;
      if (expectedVersion !== null || change.tags !== undefined) {
        // The load serves only for the version the decision was made on; a caller without one gets a re-read.
        // With files to post, the issue's attachments too: a proposal already on the issue is not posted again.
        const reread = change.comment?.attachments?.length ? ['updated', 'labels', 'attachment'] : ['updated', 'labels'];
        const fresh = recent && expectedVersion !== null && recent.version === expectedVersion ? recent : toSnapshot(await client.getIssue(ticketId, reread, [JIRA_LEDGER_PROPERTY]));
        if (expectedVersion !== null && fresh.version !== expectedVersion) {
          throw new HelpdeskError('conflict', `Jira issue ${ticketId} changed since it was read (updated ${String(fresh.version)})`);
        }
        currentLabels = fresh.labels;
        onIssue = fresh.ledger;
        since = fresh.version;
        files = fresh.files;
      }
      const labels = change.tags === undefined ? [] : labelChanges(currentLabels ?? [], change.tags);
      const labelUpdate = labels.length > 0 ? { labels } : undefined;
      const categoryFields = change.category === undefined ? undefined : { [mapping.categoryField]: { value: mapping.categories[change.category] } };
      // Solving (a declined proposal) means a transition into the Done status category.
      const wanted = change.solve ? 'solved' : change.status;

      // With nothing in between, category and labels go in one edit: it lands whole or not at all.
      if (wanted === undefined && change.comment === undefined) {
        if (categoryFields || labelUpdate) await client.editIssue(ticketId, { ...(categoryFields && { fields: categoryFields }), ...(labelUpdate && { update: labelUpdate }) });
        return;
      }
      // Without a label edit to commit it (a follow-up note), the write is one call and has no ledger.
      if (!labelUpdate) {
        const transition = wanted === undefined ? undefined : await transitionTo(ticketId, wanted);
        if (transition && (await foldedTransition(ticketId, transition, { category: categoryFields, labels: [], comment: change.comment }))) return;
        const transitionId = transition?.id;
        const temporaryIds = await uploadFiles(ticketId, change.comment);
        if (categoryFields) await client.editIssue(ticketId, { fields: categoryFields });
        if (transitionId !== undefined) await client.doTransition(ticketId, transitionId);
        if (change.comment) await postComment(ticketId, change.comment, temporaryIds);
        return;
      }

      const key = jiraWriteKey(labels);
      if (change.comment?.attachments?.length && onIssue?.key !== key) {
        await applyWithFiles(ticketId, { wanted, category: categoryFields, labels, comment: change.comment, files });
        return;
      }
      // A ledger with this key: an earlier attempt of this very write got at least that far, and the
      // comment it planned is the one to complete (its files are the same proposal's, made again).
      const retried = onIssue?.key === key ? onIssue : null;
      const planned = retried ? retried.comment : plannedComment(change.comment);
      const comment = planned ? { ...planned, ...(change.comment?.attachments && { attachments: change.comment.attachments }) } : change.comment;
      let ledger: JiraWriteLedger = retried ?? { key, since, done: [], ...(planned && { comment: planned }) };
      let ledgerWritten = retried !== null;
      let commentLanded = ledger.done.includes('comment');
      if (comment && retried && !commentLanded) {
        commentLanded = findLandedComment(await client.getRequestComments(ticketId), comment.body, comment.public, ledger.since) !== null;
        if (commentLanded) ledger = withStep(ledger, 'comment');
      }
      const transition = wanted === undefined || ledger.done.includes('transition') ? undefined : await transitionTo(ticketId, wanted);
      // A first attempt (no ledger of this write on the issue) whose transition takes it all: one call.
      if (transition && !retried && (await foldedTransition(ticketId, transition, { category: categoryFields, labels, comment }))) return;
      const transitionId = transition?.id;
      const temporaryIds = commentLanded ? [] : await uploadFiles(ticketId, comment);

      // The category is not a step a retry could repeat wrongly (setting a field twice is harmless):
      // behind a transition it joins the labels' edit, one PUT with `fields` and `update` ("Edit
      // issue", IssueUpdateDetails: a field may not be in both, different fields may), so it lands
      // with the decision's commit. Without a transition, before a comment still to post, it goes
      // first and carries the ledger (which must be on the issue before the comment). A workflow
      // step known to want the category before its transition gets it first as before.
      const step = transitionId === undefined ? null : workflowStep(ticketId, stepOf, transitionId);
      const categoryPending = categoryFields !== undefined && !ledger.done.includes('category');
      const carriesLedger = transitionId === undefined && comment !== undefined && !commentLanded && !ledgerWritten;
      const categoryFirst = categoryPending && (step === null ? carriesLedger : categoryBefore.get(step) === true);
      const writeCategory = async () => {
        ledger = withStep(ledger, 'category');
        await client.editIssue(ticketId, { fields: categoryFields!, properties: [ledgerProperty(ledger)] });
        ledgerWritten = true;
      };
      if (categoryFirst) await writeCategory();
      if (transitionId !== undefined) {
        const before = ledger;
        try {
          ledger = withStep(ledger, 'transition');
          await client.doTransition(ticketId, transitionId, [ledgerProperty(ledger)]);
        } catch (error) {
          // A 400 (Jira refused before doing anything): a validator of this transition may require
          // the category ("Field required" validators read the issue's value). Set it, take the
          // transition once more, and remember the step for the next issue.
          if (categoryFirst || !categoryPending || !isValidationError(error)) throw error;
          ledger = before;
          await writeCategory();
          ledger = withStep(ledger, 'transition');
          await client.doTransition(ticketId, transitionId, [ledgerProperty(ledger)]);
          if (step !== null) categoryBefore.set(step, true);
        }
        ledgerWritten = true;
      }
      if (comment && !commentLanded) {
        // The ledger goes first, so that a retry after an answer lost on the comment looks for it.
        if (!ledgerWritten) await client.setIssueProperty(ticketId, JIRA_LEDGER_PROPERTY, ledger);
        await postComment(ticketId, comment, temporaryIds);
      }
      const lastCategory = categoryFields && !ledger.done.includes('category') ? categoryFields : undefined;
      await client.editIssue(ticketId, { ...(lastCategory && { fields: lastCategory }), update: labelUpdate });
    },
  };
}
