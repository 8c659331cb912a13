// One support request, two helpdesks: turns an example Zendesk ticket (examples/tickets) into the
// answers Zendesk's API gives for it and into the same request as a Jira Service Management issue
// (`GET /rest/api/3/issue/{key}` shape: select fields as `{ value }`, the steps textarea and the
// description in ADF, the customer organization in JSM's Organizations field, attachments on the
// issue). Same content, same organization: the contract suite checks both give the same verdict.
import fs from 'node:fs';
import path from 'node:path';
import type { JiraIssue } from '../../connectors/jira/to-domain.js';

export const root = path.resolve(import.meta.dirname, '../..');
export const JIRA_SITE = 'https://veldhuis.atlassian.net';
export const ZENDESK_SITE = 'https://acme.zendesk.com';

/** `helpdesks.jira.fields` in examples/coverage.yaml, by logical name. */
export const JIRA_FIELDS = { product: 'customfield_10010', version: 'customfield_10011', module: 'customfield_10012', errorText: 'customfield_10013', steps: 'customfield_10014', organizations: 'customfield_10002' } as const;
export const ZENDESK_FIELDS = { category: 360001000001, product: 360001000002, version: 360001000003, module: 360001000004, errorText: 360001000005, steps: 360001000006 } as const;
const SELECT_FIELDS = new Set(['product', 'module']);

export interface ZendeskExample {
  readonly ticket: Record<string, unknown> & { id: number; subject: string; description: string; created_at: string; updated_at: string; tags: string[]; organization_id: number | null; requester_id: number; custom_fields: { id: number; value: unknown }[] };
  readonly users?: { id: number; email: string; name: string; locale?: string }[];
  readonly organizations?: { id: number; name?: string }[];
  readonly comments?: { attachments?: { file_name: string; content_type?: string; size?: number }[] }[];
}

/** A ticket that came in by e-mail without sideloads names its requester only in `via.source.from`. */
export function viaRequester(example: ZendeskExample): { id: number; email: string; name: string } | undefined {
  const from = (example.ticket['via'] as { source?: { from?: { address?: string; name?: string } } } | undefined)?.source?.from;
  return from?.address ? { id: example.ticket.requester_id, email: from.address, name: from.name ?? from.address } : undefined;
}

export function exampleIds(): number[] {
  return fs
    .readdirSync(path.join(root, 'examples/tickets'))
    .map((f) => /^zendesk-(\d+)-/.exec(f)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number);
}

export function zendeskExample(id: number): ZendeskExample {
  const file = fs.readdirSync(path.join(root, 'examples/tickets')).find((f) => f.startsWith(`zendesk-${id}-`));
  if (!file) throw new Error(`no example ticket ${id}`);
  return JSON.parse(fs.readFileSync(path.join(root, 'examples/tickets', file), 'utf8')) as ZendeskExample;
}

/** A ticket nobody categorised yet: the Category field empty, status in a status InScope does not manage. */
export function freshZendesk(id: number): ZendeskExample {
  const example = zendeskExample(id);
  return {
    ...example,
    ticket: {
      ...example.ticket,
      custom_status_id: 1,
      custom_fields: example.ticket.custom_fields.map((f) => (f.id === ZENDESK_FIELDS.category ? { ...f, value: null } : f)),
    },
  };
}

/** Plain text as Jira's editor stores it: one paragraph per blank-line block, hard breaks inside. */
export function toAdf(text: string) {
  return {
    type: 'doc',
    version: 1,
    content: text.split(/\n{2,}/).map((block) => ({
      type: 'paragraph',
      content: block.split('\n').flatMap((line, i) => [...(i > 0 ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
    })),
  };
}

/** `2026-10-05T07:42:10Z` → `2026-10-05T07:42:10.000+0000`, the way Jira writes instants. */
export function jiraInstant(iso: string): string {
  return new Date(iso).toISOString().replace('Z', '+0000');
}

export interface JiraIssueOptions {
  readonly key?: string;
  readonly status?: string;
  readonly category?: string | null;
  readonly labels?: readonly string[];
  readonly updated?: string;
}

export function jiraKeyFor(id: number): string {
  return `SUP-${id}`;
}

/** The same request as the Zendesk example, as a JSM issue. */
export function asJiraIssue(example: ZendeskExample, options: JiraIssueOptions = {}): JiraIssue & { key: string; fields: Record<string, unknown> } {
  const t = example.ticket;
  const requester = example.users?.find((u) => u.id === t.requester_id) ?? viaRequester(example);
  const organization = example.organizations?.find((o) => o.id === t.organization_id) ?? (t.organization_id === null ? undefined : { id: t.organization_id });
  const fields: Record<string, unknown> = {
    summary: t.subject,
    description: toAdf(t.description),
    created: jiraInstant(t.created_at),
    updated: options.updated ?? jiraInstant(t.updated_at),
    labels: [...(options.labels ?? t.tags)],
    issuetype: { id: '10004', name: '[System] Incident', subtask: false },
    priority: { id: '3', name: 'Medium' },
    status: { id: '10010', name: options.status ?? 'Waiting for support', statusCategory: { key: 'indeterminate' } },
    reporter: requester ? { accountId: `qm:${requester.id}`, emailAddress: requester.email, displayName: requester.name, active: true, accountType: 'customer' } : null,
    attachment: (example.comments ?? []).flatMap((c) => c.attachments ?? []).map((a, i) => ({ id: String(20000 + i), filename: a.file_name, mimeType: a.content_type, size: a.size })),
    // JSM organization ids are the site's own; the example config keys contracts by these ids (docs/jira-setup.md).
    [JIRA_FIELDS.organizations]: organization ? [organization] : [],
    customfield_10050: options.category ? { value: options.category, id: '10300' } : null,
  };
  for (const [logical, zendeskId] of Object.entries(ZENDESK_FIELDS)) {
    if (logical === 'category') continue;
    const value = t.custom_fields.find((f) => f.id === zendeskId)?.value ?? null;
    const jiraId = JIRA_FIELDS[logical as keyof typeof JIRA_FIELDS];
    if (value === null || value === '') fields[jiraId] = null;
    else if (SELECT_FIELDS.has(logical)) fields[jiraId] = Array.isArray(value) ? value.map((v) => ({ value: String(v) })) : { value: String(value), id: '10100' };
    else if (logical === 'steps') fields[jiraId] = toAdf(String(value));
    else fields[jiraId] = String(value);
  }
  const key = options.key ?? jiraKeyFor(t.id);
  return { id: String(10000 + (t.id % 10000)), key, self: `${JIRA_SITE}/rest/api/3/issue/${key}`, fields } as JiraIssue & { key: string; fields: Record<string, unknown> };
}
