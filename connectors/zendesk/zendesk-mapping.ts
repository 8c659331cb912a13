// The logical ↔ Zendesk value mapping from `helpdesks.zendesk` in the coverage config, shared by the
// live and the shadow adapter.
import type { Category, Status } from '../../rules/index.js';
import type { CoverageConfig } from '../config/config-schema.js';
import type { TicketState } from '../core/helpdesk-port.js';

export type ZendeskMapping = NonNullable<NonNullable<CoverageConfig['helpdesks']>['zendesk']>;

/** Used when the config has no `helpdesks.zendesk`: nothing is mapped, so nothing can be written. */
export const EMPTY_ZENDESK_MAPPING = { categoryField: 0, categories: { call: 'call', advisory: 'advisory' }, statuses: {}, fields: {} } as unknown as ZendeskMapping;

export function logicalCategory(value: unknown, mapping: ZendeskMapping): Category | null {
  if (value === null || value === undefined) return null;
  const tag = String(value);
  if (tag === String(mapping.categories.call)) return 'call';
  if (tag === String(mapping.categories.advisory)) return 'advisory';
  return null;
}

export function logicalStatus(customStatusId: unknown, mapping: ZendeskMapping): TicketState['status'] {
  if (customStatusId === null || customStatusId === undefined) return null;
  const id = String(customStatusId);
  const statuses = mapping.statuses as Partial<Record<Status, number | string>>;
  if (statuses.new !== undefined && id === String(statuses.new)) return 'new';
  if (statuses.approved !== undefined && id === String(statuses.approved)) return 'approved';
  return 'other';
}
