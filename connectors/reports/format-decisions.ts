// The audit log's decisions as rows for people (a terminal table, one block per decision) and for
// tools (JSON Lines, CSV per RFC 4180): what was decided, by which rule, and the category, status,
// tags and comment it set (live) or would have set (shadow). Read by `inscope decisions`.
import type { AuditEntry } from '../store/store.js';

export interface DecisionRow {
  readonly id: number;
  /** ISO 8601 instant. */
  readonly at: string;
  readonly mode: 'live' | 'shadow' | null;
  readonly helpdesk: string;
  readonly ticket: string;
  /** decision or guard. */
  readonly kind: string;
  readonly outcome: string | null;
  readonly rule: string | null;
  /** The organization's name, else the contract's name, else the organization id. */
  readonly organization: string | null;
  readonly contract: string | null;
  readonly category: string | null;
  readonly status: string | null;
  /** The complete tag set the change writes; null when it leaves the tags alone. */
  readonly tags: readonly string[] | null;
  readonly comment: { readonly public: boolean; readonly language: string | null; readonly body: string } | null;
  readonly proposal: string | null;
  readonly reason: string | null;
  readonly note: string | null;
}

interface RecordedVerdict {
  readonly planned?: {
    readonly category?: string; readonly status?: string; readonly solve?: boolean; readonly tags?: readonly string[];
    readonly comment?: { readonly body?: string; readonly public?: boolean };
  };
  readonly mode?: 'live' | 'shadow';
  readonly commentLocale?: string | null;
  readonly contract?: { readonly id?: string; readonly name?: string } | null;
  readonly organization?: { readonly id?: string | null; readonly name?: string | null };
  readonly proposal?: { readonly number?: string; readonly version?: number };
  readonly reasons?: readonly { readonly en?: string }[];
}

export function toDecisionRow(entry: AuditEntry): DecisionRow {
  const v = (entry.verdict ?? {}) as RecordedVerdict;
  const planned = v.planned ?? {};
  // Entries from before the mode was recorded: shadow mode never sets the fingerprint and says so in its note.
  const mode = v.mode ?? (entry.note?.startsWith('shadow') ? 'shadow' : entry.fingerprint !== null ? 'live' : null);
  const comment = planned.comment?.body === undefined ? null : { public: planned.comment.public === true, language: v.commentLocale ?? null, body: planned.comment.body };
  return {
    id: entry.id,
    at: new Date(entry.at).toISOString(),
    mode,
    helpdesk: entry.helpdesk,
    ticket: entry.ticketId,
    kind: entry.kind,
    outcome: entry.outcome,
    rule: entry.rule,
    organization: v.organization?.name ?? v.contract?.name ?? v.organization?.id ?? null,
    contract: v.contract?.id ?? null,
    category: planned.category ?? null,
    status: planned.solve === true ? 'solved' : (planned.status ?? null),
    tags: planned.tags ?? null,
    comment,
    proposal: v.proposal?.number === undefined ? null : `${v.proposal.number}${v.proposal.version === undefined ? '' : ` v${v.proposal.version}`}`,
    reason: v.reasons?.map((r) => r.en).filter(Boolean).join(' ') || null,
    note: entry.note,
  };
}

const TABLE = ['id', 'when (UTC)', 'mode', 'ticket', 'outcome', 'rule', 'organization', 'category', 'status', 'tags', 'comment', 'proposal'] as const;

function commentText(row: DecisionRow): string {
  if (!row.comment) return '-';
  return `${row.comment.public ? 'public' : 'internal'}${row.comment.language ? ` (${row.comment.language})` : ''}`;
}

function tableCells(row: DecisionRow): string[] {
  return [
    String(row.id), row.at.replace('T', ' ').slice(0, 19), row.mode ?? '-', row.ticket, row.outcome ?? '-', row.rule ?? '-', row.organization ?? '-',
    row.category ?? '-', row.status ?? '-', row.tags === null ? '-' : row.tags.join(' '), commentText(row), row.proposal ?? '-',
  ];
}

export function decisionsToTable(rows: readonly DecisionRow[]): string {
  if (rows.length === 0) return 'No decisions match.\n';
  const table = [[...TABLE], ...rows.map(tableCells)];
  const widths = TABLE.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const shadow = rows.some((r) => r.mode === 'shadow');
  const legend = shadow ? 'shadow: nothing was written; category, status, tags and comment are what the decision would have set.\n' : '';
  return `${table.map(line).join('\n')}\n${legend}`;
}

const CSV = ['id', 'at', 'mode', 'helpdesk', 'ticket', 'kind', 'outcome', 'rule', 'organization', 'contract', 'category', 'status', 'tags', 'comment_public', 'comment_language', 'proposal', 'reason', 'note'] as const;

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function decisionsToCsv(rows: readonly DecisionRow[]): string {
  const body = rows.map((r) => [
    String(r.id), r.at, r.mode ?? '', r.helpdesk, r.ticket, r.kind, r.outcome ?? '', r.rule ?? '', r.organization ?? '', r.contract ?? '',
    r.category ?? '', r.status ?? '', r.tags?.join(' ') ?? '', r.comment === null ? '' : String(r.comment.public), r.comment?.language ?? '',
    r.proposal ?? '', r.reason ?? '', r.note ?? '',
  ]);
  return [[...CSV], ...body].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One decision in full, for `inscope decisions show`. */
export function decisionToText(row: DecisionRow, entry: AuditEntry): string {
  const lines = [
    `Decision ${row.id}: ticket ${row.ticket} (${row.helpdesk}) at ${row.at}${row.mode ? `, ${row.mode} mode` : ''}`,
    `  outcome       ${row.outcome ?? '-'} (rule ${row.rule ?? 'none'}, ${row.kind})`,
    `  organization  ${row.organization ?? '-'}${row.contract ? ` (contract ${row.contract})` : ''}`,
    `  reason        ${row.reason ?? '-'}`,
    `  ${row.mode === 'shadow' ? 'would set' : 'set'}`,
    `    category    ${row.category ?? '(unchanged)'}`,
    `    status      ${row.status ?? '(unchanged)'}`,
    `    tags        ${row.tags === null ? '(unchanged)' : row.tags.join(' ')}`,
    `    comment     ${row.comment === null ? '(none)' : commentText(row)}`,
    ...(row.comment === null ? [] : row.comment.body.split('\n').map((l) => `      | ${l}`)),
    ...(row.proposal ? [`  proposal      ${row.proposal}`] : []),
    `  note          ${row.note ?? '-'}`,
    `  config        ${entry.configHash}`,
  ];
  return `${lines.join('\n')}\n`;
}
