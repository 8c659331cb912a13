// Maps InScope's neutral ticket record (documented in examples/tickets/README.md) to a WorkItem.
// The neutral form is for exports from other tools: the fields are already logical names.
import type { Attachment, FieldValue, WorkItem } from '../../rules/model.js';

export interface NeutralRecord {
  readonly id?: string | number;
  readonly subject?: string;
  readonly description?: string;
  readonly createdAt?: string;
  readonly requesterEmail?: string;
  readonly requesterLocale?: string;
  readonly organizationId?: string | number;
  readonly organizationName?: string;
  readonly tags?: readonly string[];
  readonly form?: string;
  readonly priority?: string;
  readonly channel?: string;
  readonly fields?: Readonly<Record<string, FieldValue>>;
  readonly attachments?: readonly Attachment[];
  readonly observed?: { readonly category?: string; readonly status?: string };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function neutralRecordToWorkItem(record: NeutralRecord): WorkItem {
  if (record.id === undefined || record.id === null || record.id === '') throw new Error('record has no id');
  const optional: Record<string, string> = {};
  for (const key of ['requesterEmail', 'requesterLocale', 'organizationName', 'form', 'priority', 'channel'] as const) {
    const value = str(record[key]);
    if (value !== undefined) optional[key] = value;
  }
  if (record.organizationId !== undefined && record.organizationId !== null) {
    optional['organizationId'] = String(record.organizationId);
  }
  return {
    id: String(record.id),
    subject: str(record.subject) ?? '',
    description: str(record.description) ?? '',
    createdAt: str(record.createdAt) ?? '',
    ...optional,
    tags: Array.isArray(record.tags) ? record.tags.map(String) : [],
    fields: typeof record.fields === 'object' && record.fields !== null ? record.fields : {},
    attachments: Array.isArray(record.attachments)
      ? record.attachments.filter((file) => typeof file?.filename === 'string')
      : [],
  };
}
