// Recognises what one parsed JSON value is (a Zendesk ticket or page, a Jira search page or issue, a
// neutral record) and maps each ticket in it to a TicketRecord, or explains why it cannot.
import type { WorkItem } from '../../rules/model.js';
import { jiraIssueToWorkItem, jiraObserved, type JiraIssue } from '../jira/to-domain.js';
import { zendeskObserved, zendeskTicketToWorkItem, type ZendeskMappingContext } from '../zendesk/to-domain.js';
import type { ZendeskComment, ZendeskOrganization, ZendeskTicket, ZendeskUser } from '../zendesk/zendesk-types.js';
import { neutralRecordToWorkItem, type NeutralRecord } from './neutral-to-work-item.js';
import { workItemTypeProblem } from './work-item-type-problem.js';

export type InputFormat = 'zendesk' | 'jira' | 'neutral';

export interface TicketRecord {
  readonly source: { readonly file: string; /** 1-based */ readonly record: number; readonly format: InputFormat };
  readonly item: WorkItem;
  readonly observed?: { readonly category?: string; readonly status?: string };
  /** Jira's time tracking: the seconds logged on the issue (`fields.timespent`, else `fields.timetracking.timeSpentSeconds`). */
  readonly loggedSeconds?: number;
}

export interface InputProblem {
  readonly kind: 'problem';
  readonly file: string;
  readonly record?: number;
  readonly message: string;
}

/** The helpdesk mappings from the config (`helpdesks.zendesk`, `helpdesks.jira`); both optional. */
export interface HelpdeskMappings {
  readonly zendesk?:
    | {
        readonly fields: Readonly<Record<string, number | string>>;
        readonly categoryField?: number | string | undefined;
        readonly categories?: Readonly<Record<string, string>> | undefined;
        readonly statuses?: Readonly<Record<string, number | string>> | undefined;
      }
    | undefined;
  readonly jira?:
    | {
        readonly fields: Readonly<Record<string, string>>;
        readonly categoryField?: string | undefined;
        readonly categories?: Readonly<Record<string, string>> | undefined;
        readonly statuses?: Readonly<Record<string, string>> | undefined;
      }
    | undefined;
}

export interface ReadTicketsContext {
  readonly helpdesks?: HelpdeskMappings | undefined;
}

type Result = TicketRecord | InputProblem;
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const NO_FIELDS: Readonly<Record<string, string>> = {};

interface Sideloads {
  readonly users?: readonly ZendeskUser[];
  readonly organizations?: readonly ZendeskOrganization[];
  readonly comments?: readonly ZendeskComment[];
}

function sideloads(page: Json): Sideloads {
  return {
    ...(Array.isArray(page['users']) && { users: page['users'] as ZendeskUser[] }),
    ...(Array.isArray(page['organizations']) && { organizations: page['organizations'] as ZendeskOrganization[] }),
    ...(Array.isArray(page['comments']) && { comments: page['comments'] as ZendeskComment[] }),
  };
}

function problem(file: string, record: number, message: string): InputProblem {
  return { kind: 'problem', file, record, message };
}

function hasValidDate(item: WorkItem): boolean {
  return item.createdAt !== '' && !Number.isNaN(Date.parse(item.createdAt));
}

function done(file: string, record: number, format: InputFormat, item: WorkItem, observed: TicketRecord['observed'], loggedSeconds?: number): Result {
  const wrongType = workItemTypeProblem(item);
  if (wrongType !== undefined) return problem(file, record, `ticket ${typeof item.id === 'string' && item.id !== '' ? `${item.id} ` : ''}cannot be read: ${wrongType}`);
  if (observed !== undefined && [observed.category, observed.status].some((v) => v !== undefined && typeof v !== 'string')) {
    return problem(file, record, `ticket ${item.id} cannot be read: observed category and status must be texts`);
  }
  if (!hasValidDate(item)) return problem(file, record, `ticket ${item.id} has no valid creation date`);
  const source = { file, record, format };
  const logged = loggedSeconds === undefined ? {} : { loggedSeconds };
  return observed !== undefined && (observed.category !== undefined || observed.status !== undefined)
    ? { source, item, observed, ...logged }
    : { source, item, ...logged };
}

/** Seconds logged on a Jira issue: `timespent` (number or null), else `timetracking.timeSpentSeconds`. */
function jiraLoggedSeconds(fields: Json | undefined): number | undefined {
  const spent = fields?.['timespent'];
  if (typeof spent === 'number' && Number.isFinite(spent)) return spent;
  const tracking = fields?.['timetracking'];
  const seconds = isObject(tracking) ? tracking['timeSpentSeconds'] : undefined;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : undefined;
}

function zendesk(ticket: Json, extra: Sideloads, file: string, record: number, ctx: ReadTicketsContext): Result {
  const zd = ticket as ZendeskTicket;
  if (zd.id === undefined || zd.id === null) return problem(file, record, 'Zendesk ticket without an id');
  const mapping = ctx.helpdesks?.zendesk;
  const mappingCtx: ZendeskMappingContext = { fields: mapping?.fields ?? NO_FIELDS, ...extra };
  const observed =
    mapping?.categoryField !== undefined
      ? zendeskObserved(zd, { categoryField: mapping.categoryField, categories: mapping.categories ?? {}, statuses: mapping.statuses ?? {} })
      : undefined;
  return done(file, record, 'zendesk', zendeskTicketToWorkItem(zd, mappingCtx), observed);
}

function jira(issue: Json, file: string, record: number, ctx: ReadTicketsContext): Result {
  const ji = issue as JiraIssue;
  if ((ji.key ?? ji.id) === undefined) return problem(file, record, 'Jira issue without a key or id');
  const mapping = ctx.helpdesks?.jira;
  const observed =
    mapping?.categoryField !== undefined
      ? jiraObserved(ji, { categoryField: mapping.categoryField, categories: mapping.categories ?? {}, statuses: mapping.statuses ?? {} })
      : undefined;
  const fields = isObject(issue['fields']) ? issue['fields'] : undefined;
  return done(file, record, 'jira', jiraIssueToWorkItem(ji, { fields: mapping?.fields ?? NO_FIELDS }), observed, jiraLoggedSeconds(fields));
}

function neutral(value: Json, file: string, record: number): Result {
  const neutralRecord = value as NeutralRecord;
  if (neutralRecord.id === undefined || neutralRecord.id === null || neutralRecord.id === '') {
    return problem(file, record, 'ticket without an id');
  }
  return done(file, record, 'neutral', neutralRecordToWorkItem(neutralRecord), neutralRecord.observed);
}

/** One ticket-like object: which helpdesk wrote it is told by its key spelling. */
function single(value: unknown, extra: Sideloads, file: string, record: number, ctx: ReadTicketsContext): Result {
  if (!isObject(value)) return problem(file, record, 'unknown format: expected a ticket object');
  if (isObject(value['ticket'])) return zendesk(value['ticket'], { ...extra, ...sideloads(value) }, file, record, ctx);
  if (isObject(value['fields']) && ('key' in value || 'summary' in value['fields'])) return jira(value, file, record, ctx);
  if ('created_at' in value || 'custom_fields' in value || 'raw_subject' in value || 'requester_id' in value) {
    return zendesk(value, extra, file, record, ctx);
  }
  if ('createdAt' in value) return neutral(value, file, record);
  return problem(file, record, 'unknown format: expected a Zendesk ticket, a Jira issue or a neutral record');
}

/**
 * Every ticket in one parsed JSON value. In a whole JSON file a ticket is numbered by its position
 * in the page (1 for a single ticket); in JSON Lines every ticket carries its line number.
 */
export function* recordsFromValue(value: unknown, file: string, ctx: ReadTicketsContext, line?: number): Generator<Result> {
  const page = isObject(value) ? value : undefined;
  const list = Array.isArray(value)
    ? value
    : Array.isArray(page?.['tickets'])
      ? page['tickets']
      : Array.isArray(page?.['issues'])
        ? page['issues']
        : undefined;
  if (list === undefined) {
    yield guarded(() => single(value, {}, file, line ?? 1, ctx), file, line ?? 1);
    return;
  }
  const extra = page === undefined ? {} : sideloads(page);
  const isJira = page !== undefined && Array.isArray(page['issues']);
  for (let index = 0; index < list.length; index += 1) {
    const entry: unknown = list[index];
    const at = line ?? index + 1;
    yield guarded(() => (isJira && isObject(entry) ? jira(entry, file, at, ctx) : single(entry, extra, file, at, ctx)), file, at);
  }
}

// A malformed ticket (say, a field of an unexpected type) must not end the whole run.
function guarded(map: () => Result, file: string, record: number): Result {
  try {
    return map();
  } catch (error) {
    return problem(file, record, `cannot read ticket: ${error instanceof Error ? error.message : String(error)}`);
  }
}
