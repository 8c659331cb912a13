// Maps a Jira / Jira Service Management issue (as returned by `/rest/api/3/search` or `/issue/{key}`)
// to the domain WorkItem, and reads the category and status people set. Vendor shapes stop here.
import type { Attachment, FieldValue, WorkItem } from '../../rules/model.js';

export interface JiraIssue {
  readonly id?: string;
  readonly key?: string;
  readonly fields?: Readonly<Record<string, unknown>>;
  /** The issue properties asked for with `properties=`, by key. */
  readonly properties?: Readonly<Record<string, unknown>>;
}

export interface JiraMappingContext {
  /**
   * Logical field name → Jira field id, as in `helpdesks.jira.fields`. The logical name
   * `organizations` names JSM's Organizations field (`[{ id, name }]`); it fills the organization.
   */
  readonly fields: Readonly<Record<string, string>>;
}

export interface JiraObservedMapping {
  readonly categoryField: string;
  readonly categories: Readonly<Record<string, string>>;
  readonly statuses: Readonly<Record<string, string>>;
}

export interface Observed {
  readonly category?: string;
  readonly status?: string;
}

interface AdfNode {
  readonly type?: string;
  readonly text?: string;
  readonly attrs?: { readonly text?: string; readonly shortName?: string; readonly url?: string; readonly order?: number };
  readonly content?: readonly AdfNode[];
}

const BLOCK_NODES = new Set([
  'paragraph', 'heading', 'blockquote', 'codeBlock', 'listItem', 'tableRow', 'panel', 'rule', 'mediaGroup',
]);

function isAdf(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null && (value as AdfNode).type === 'doc';
}

function appendAdf(node: AdfNode, out: string[]): void {
  if (node.type === 'text') out.push(node.text ?? '');
  else if (node.type === 'hardBreak') out.push('\n');
  else if (node.type === 'mention' || node.type === 'emoji') out.push(node.attrs?.text ?? node.attrs?.shortName ?? '');
  else if (node.type === 'inlineCard') out.push(node.attrs?.url ?? '');
  if (node.type === 'orderedList' || node.type === 'bulletList') {
    // A list keeps its numbers and bullets as the customer saw them in the portal: "1. open the
    // queue, 2. print" are the steps to reproduce, which a flat run of lines no longer says.
    const start = node.type === 'orderedList' && typeof node.attrs?.order === 'number' ? node.attrs.order : 1;
    (node.content ?? []).forEach((item, i) => {
      out.push(node.type === 'orderedList' ? `${start + i}. ` : '- ');
      appendAdf(item, out);
    });
    if (!out.at(-1)?.endsWith('\n')) out.push('\n');
    return;
  }
  for (const child of node.content ?? []) appendAdf(child, out);
  // A paragraph inside a list item ends both: one line break, not two.
  if (node.type !== undefined && BLOCK_NODES.has(node.type) && !out.at(-1)?.endsWith('\n')) out.push('\n');
}

/** Plain text of an Atlassian Document Format document: blocks become lines, marks are dropped. */
export function flattenAdf(doc: unknown): string {
  if (!isAdf(doc)) return typeof doc === 'string' ? doc : '';
  const out: string[] = [];
  appendAdf(doc, out);
  return out.join('').replace(/\n{3,}/g, '\n\n').trim();
}

function scalar(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isAdf(value)) return flattenAdf(value);
  if (typeof value === 'object') {
    // Select options carry `value`; versions, components, users and request types carry `name`.
    const object = value as { value?: unknown; name?: unknown; displayName?: unknown };
    const text = object.value ?? object.name ?? object.displayName;
    return typeof text === 'string' ? text : undefined;
  }
  return undefined;
}

/**
 * Jira's time tracking field (`timetracking`, TimeTrackingDetails in the Cloud REST API v3) is an
 * object; its `timeSpentSeconds` is what `timespent` holds, the seconds logged on the issue.
 */
function timeSpentSeconds(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const seconds = (value as { timeSpentSeconds?: unknown }).timeSpentSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}

function toFieldValue(value: unknown): FieldValue {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const logged = timeSpentSeconds(value);
  if (logged !== undefined) return logged;
  if (Array.isArray(value)) return value.map(scalar).filter((text): text is string => text !== undefined);
  return scalar(value) ?? null;
}

/** Jira writes offsets without a colon (`+0200`); ISO 8601 consumers expect `+02:00`. */
function isoInstant(created: unknown): string {
  if (typeof created !== 'string') return '';
  return created.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

function attachments(value: unknown): Attachment[] {
  if (!Array.isArray(value)) return [];
  const files: Attachment[] = [];
  for (const file of value as { filename?: unknown; mimeType?: unknown; size?: unknown }[]) {
    if (typeof file.filename !== 'string') continue;
    files.push({
      filename: file.filename,
      ...(typeof file.mimeType === 'string' && { contentType: file.mimeType }),
      ...(typeof file.size === 'number' && { size: file.size }),
    });
  }
  return files;
}

function firstOrganization(value: unknown): { id?: string; name?: string } {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'object' || first === null) return {};
  const org = first as { id?: unknown; name?: unknown };
  return {
    ...((typeof org.id === 'string' || typeof org.id === 'number') && { id: String(org.id) }),
    ...(typeof org.name === 'string' && { name: org.name }),
  };
}

export function jiraIssueToWorkItem(issue: JiraIssue, ctx: JiraMappingContext): WorkItem {
  const id = issue.key ?? issue.id;
  if (id === undefined || id === '') throw new Error('Jira issue has no key or id');
  const raw = issue.fields ?? {};
  const fields: Record<string, FieldValue> = {};
  let organization: { id?: string; name?: string } = {};
  for (const [logical, fieldId] of Object.entries(ctx.fields)) {
    if (logical === 'organizations') organization = firstOrganization(raw[fieldId]);
    else {
      // An empty field is "not set": leaving it out lets the engine fall back to the text.
      const value = toFieldValue(raw[fieldId]);
      if (value !== null && value !== '') fields[logical] = value;
    }
  }
  const reporter = raw['reporter'] as { emailAddress?: unknown; locale?: unknown } | null | undefined;
  const priority = scalar(raw['priority']);
  const issueType = scalar(raw['issuetype']);
  const labels = raw['labels'];
  return {
    id,
    subject: typeof raw['summary'] === 'string' ? raw['summary'] : '',
    description: flattenAdf(raw['description']),
    createdAt: isoInstant(raw['created']),
    ...(typeof reporter?.emailAddress === 'string' && { requesterEmail: reporter.emailAddress }),
    ...(typeof reporter?.locale === 'string' && { requesterLocale: reporter.locale }),
    ...(organization.id !== undefined && { organizationId: organization.id }),
    ...(organization.name !== undefined && { organizationName: organization.name }),
    tags: Array.isArray(labels) ? labels.filter((label): label is string => typeof label === 'string') : [],
    ...(issueType !== undefined && { form: issueType }),
    ...(priority !== undefined && { priority }),
    fields,
    attachments: attachments(raw['attachment']),
  };
}

/** Category from the configured field (option value) and status from `fields.status.name`, as logical names. */
export function jiraObserved(issue: JiraIssue, mapping: JiraObservedMapping): Observed {
  const raw = issue.fields ?? {};
  const categoryValue = scalar(raw[mapping.categoryField]);
  const statusName = scalar(raw['status']);
  const logical = (map: Readonly<Record<string, string>>, vendor: string): string =>
    Object.keys(map).find((key) => map[key]?.toLowerCase() === vendor.toLowerCase()) ?? vendor;
  return {
    ...(categoryValue !== undefined && categoryValue !== '' && { category: logical(mapping.categories, categoryValue) }),
    ...(statusName !== undefined && { status: logical(mapping.statuses, statusName) }),
  };
}
