// Checks a mapped ticket against the WorkItem types of rules/model.ts. The helpdesk mappers trust
// the shape of what the helpdesk API returns; a ticket file is not that trustworthy, so a ticket
// whose values have the wrong types becomes an InputProblem here rather than an exception (or a
// quietly wrong verdict) inside the engine.
import type { WorkItem } from '../../rules/model.js';

const TEXT_KEYS = ['id', 'subject', 'description', 'createdAt'] as const;
const OPTIONAL_TEXT_KEYS = ['requesterEmail', 'requesterLocale', 'organizationId', 'organizationName', 'form', 'priority', 'channel'] as const;

const isText = (value: unknown): value is string => typeof value === 'string';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFieldValue = (value: unknown): boolean =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) && value.every(isText));

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

/** What is wrong with the item's types, in words, or undefined when it is a well-formed WorkItem. */
export function workItemTypeProblem(item: WorkItem): string | undefined {
  const value = item as unknown as Record<string, unknown>;
  for (const key of TEXT_KEYS) if (!isText(value[key])) return `${key} is ${describe(value[key])}: expected text`;
  if (item.id.trim() === '') return 'id is empty';
  for (const key of OPTIONAL_TEXT_KEYS) {
    if (value[key] !== undefined && !isText(value[key])) return `${key} is ${describe(value[key])}: expected text`;
  }
  if (!Array.isArray(value['tags']) || !value['tags'].every(isText)) return 'tags: expected a list of texts';
  const fields = value['fields'];
  if (!isRecord(fields)) return `fields is ${describe(fields)}: expected a mapping`;
  const badField = Object.keys(fields).find((key) => !isFieldValue(fields[key]));
  if (badField !== undefined) return `fields.${badField} is ${describe(fields[badField])}: expected text, a number, true/false, a list of texts or null`;
  const attachments = value['attachments'];
  if (!Array.isArray(attachments)) return `attachments is ${describe(attachments)}: expected a list`;
  const badAttachment = attachments.findIndex(
    (a: unknown) => !isRecord(a) || !isText(a['filename']) || (a['contentType'] !== undefined && !isText(a['contentType'])) || (a['size'] !== undefined && typeof a['size'] !== 'number'),
  );
  if (badAttachment >= 0) return `attachments[${badAttachment}]: expected a filename (text), an optional content type (text) and size (number)`;
  return undefined;
}
