// The logical ↔ Jira value mapping from `helpdesks.jira` in the coverage config, shared by the live
// and the shadow adapter: category options by value, statuses by name (both case-insensitive, as
// Jira compares names).
import type { Category } from '../../rules/index.js';
import type { CoverageConfig } from '../config/config-schema.js';
import type { TicketState } from '../core/helpdesk-port.js';

export type JiraMapping = NonNullable<NonNullable<CoverageConfig['helpdesks']>['jira']>;

/** Used when the config has no `helpdesks.jira`: nothing is mapped, so nothing can be written. */
export const EMPTY_JIRA_MAPPING: JiraMapping = { categoryField: 'customfield_0', categories: { call: 'Call', advisory: 'Advisory' }, statuses: { new: 'New', approved: 'Approved' }, fields: {} };

/** The fields one load reads: what the work item, the category and the status need, nothing more. */
export function jiraReadFields(mapping: JiraMapping): string[] {
  const base = ['summary', 'description', 'created', 'updated', 'status', 'labels', 'reporter', 'priority', 'issuetype', 'attachment'];
  return [...new Set([...base, mapping.categoryField, ...Object.values(mapping.fields)])];
}

const same = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

function optionValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { value?: unknown }).value === 'string') return (value as { value: string }).value;
  return undefined;
}

export function logicalJiraCategory(fieldValue: unknown, mapping: JiraMapping): Category | null {
  const value = optionValue(fieldValue);
  if (value === undefined) return null;
  if (same(value, mapping.categories.call)) return 'call';
  if (same(value, mapping.categories.advisory)) return 'advisory';
  return null;
}

export function logicalJiraStatus(status: unknown, mapping: JiraMapping): TicketState['status'] {
  const name = typeof status === 'object' && status !== null ? (status as { name?: unknown }).name : status;
  if (typeof name !== 'string' || name === '') return null;
  if (same(name, mapping.statuses.new)) return 'new';
  if (same(name, mapping.statuses.approved)) return 'approved';
  return 'other';
}

/** The labels to add and remove to go from `current` to `wanted` (Jira edits labels with verbs). */
export function labelChanges(current: readonly string[], wanted: readonly string[]): Record<string, string>[] {
  return [
    ...wanted.filter((l) => !current.includes(l)).map((add) => ({ add })),
    ...current.filter((l) => !wanted.includes(l)).map((remove) => ({ remove })),
  ];
}

export function jiraTicketState(issue: { readonly fields?: Readonly<Record<string, unknown>> }, item: TicketState['item'], mapping: JiraMapping): TicketState {
  const fields = issue.fields ?? {};
  const labels = Array.isArray(fields['labels']) ? fields['labels'].filter((l): l is string => typeof l === 'string') : [];
  const reporter = fields['reporter'] as { accountId?: unknown } | null | undefined;
  return {
    item,
    category: logicalJiraCategory(fields[mapping.categoryField], mapping),
    status: logicalJiraStatus(fields['status'], mapping),
    tags: labels,
    version: typeof fields['updated'] === 'string' ? fields['updated'] : null,
    ...(typeof reporter?.accountId === 'string' && { requesterId: reporter.accountId }),
  };
}
