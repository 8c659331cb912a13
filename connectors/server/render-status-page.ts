// GET /: a small status page for operators: mode, config, queue depth and the last decisions with
// their reasons, links to the tickets, and the change each decision wrote (live) or would have
// written (shadow): category, status, tags and comment, with the shadow proposal's PDF.
import type { AuditEntry, JobState } from '../store/store.js';
import { escapeHtml } from '../http/escape-html.js';

export interface StatusPageInput {
  readonly mode: 'live' | 'shadow';
  /** Set when the deployment serves several tenants (INSCOPE_TENANTS). */
  readonly tenant?: string;
  readonly configFile: string;
  readonly configSummary: string;
  readonly queue: Record<JobState, number>;
  readonly decisions: readonly AuditEntry[];
  /** Where the ticket lives in its helpdesk; null when the service does not know the account's address. */
  readonly ticketUrl: (ticketId: string, helpdesk: AuditEntry['helpdesk']) => string | null;
  /** Where the PDF of the proposal with this id is served (shadow mode keeps it on disk); null: no link. */
  readonly proposalPdfUrl?: (proposalId: number) => string | null;
}

interface PlannedChange {
  readonly category?: string;
  readonly status?: string;
  readonly tags?: readonly string[];
  readonly solve?: boolean;
  readonly comment?: { readonly body?: string; readonly public?: boolean; readonly attachments?: readonly { readonly filename?: string }[] };
}

const COMMENT_PREVIEW = 160;

/** The change the entry recorded, one line per value; empty for entries that planned none. */
function changeOf(entry: AuditEntry, pdfUrl: StatusPageInput['proposalPdfUrl']): string {
  const verdict = entry.verdict as { planned?: PlannedChange; proposal?: { id?: number; number?: string; version?: number } } | null;
  const planned = verdict?.planned;
  if (!planned) return '';
  const lines: string[] = [];
  if (planned.category !== undefined) lines.push(`category <b>${escapeHtml(planned.category)}</b>`);
  if (planned.status !== undefined) lines.push(`status <b>${escapeHtml(planned.status)}</b>`);
  if (planned.solve === true) lines.push('status <b>solved</b>');
  if (planned.tags !== undefined) lines.push(`tags ${planned.tags.map((t) => `<code>${escapeHtml(t)}</code>`).join(' ')}`);
  const comment = planned.comment;
  if (comment?.body !== undefined) {
    const body = comment.body.length > COMMENT_PREVIEW ? `${comment.body.slice(0, COMMENT_PREVIEW)}…` : comment.body;
    const files = (comment.attachments ?? []).map((a) => a.filename).filter(Boolean).join(', ');
    lines.push(`${comment.public ? 'public reply' : 'internal note'}${files ? ` with ${escapeHtml(files)}` : ''}: <q>${escapeHtml(body)}</q>`);
  }
  const proposal = verdict?.proposal;
  if (proposal?.number !== undefined) {
    const url = proposal.id === undefined ? null : (pdfUrl?.(proposal.id) ?? null);
    const name = `${proposal.number}${proposal.version === undefined ? '' : ` v${proposal.version}`}`;
    lines.push(`proposal ${url ? `<a href="${escapeHtml(url)}">${escapeHtml(name)} (PDF)</a>` : escapeHtml(name)}`);
  }
  return lines.length === 0 ? 'nothing to change' : lines.join('<br>');
}


function reasonOf(entry: AuditEntry): string {
  const verdict = entry.verdict as { reasons?: { en?: string }[]; missing?: { text?: { en?: string } }[] } | null;
  const reasons = verdict?.reasons?.map((r) => r.en).filter(Boolean) ?? [];
  return reasons.join(' ') || (entry.note ?? '');
}

export function renderStatusPage(input: StatusPageInput): string {
  const rows = input.decisions
    .map((d) => {
      const url = input.ticketUrl(d.ticketId, d.helpdesk);
      const ticket = url ? `<a href="${escapeHtml(url)}">#${escapeHtml(d.ticketId)}</a>` : `#${escapeHtml(d.ticketId)}`;
      return `<tr><td>${escapeHtml(new Date(d.at).toISOString().replace('T', ' ').slice(0, 19))}</td><td>${ticket}</td><td>${escapeHtml(d.kind)}</td><td><span class="o o-${escapeHtml(d.outcome)}">${escapeHtml(d.outcome ?? '-')}</span></td><td>${escapeHtml(d.rule ?? '-')}</td><td>${escapeHtml(reasonOf(d))}</td><td class="change">${changeOf(d, input.proposalPdfUrl)}</td><td>${escapeHtml(d.note ?? '')}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>InScope connector</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#2f3941;margin:24px;background:#f8f9f9}
h1{font-size:20px;margin:0 0 4px} .mode{display:inline-block;padding:2px 8px;border-radius:4px;font-weight:600}
.mode-shadow{background:#fff0f1;color:#cc3340} .mode-live{background:#edf8f4;color:#037f52}
table{border-collapse:collapse;width:100%;background:#fff;margin-top:12px} th,td{border-bottom:1px solid #e9ebed;padding:6px 8px;text-align:left;vertical-align:top}
th{font-weight:600;color:#68737d} .o{padding:1px 6px;border-radius:3px;background:#e9ebed}
.o-covered{background:#edf8f4;color:#037f52}.o-advisory{background:#fff7ed;color:#ad5918}.o-incomplete{background:#edf7ff;color:#1f73b7}.o-review{background:#fff0f1;color:#cc3340}
dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px} dt{color:#68737d}
.change code{background:#f3f4f6;padding:0 3px;border-radius:3px} .change q{color:#49545c}
</style></head><body>
<h1>InScope connector${input.tenant === undefined ? '' : ` · tenant ${escapeHtml(input.tenant)}`} <span class="mode mode-${input.mode}">${input.mode === 'shadow' ? 'shadow mode: writes nothing to the helpdesk' : 'live'}</span></h1>
<dl><dt>Config</dt><dd>${escapeHtml(input.configFile)}: ${escapeHtml(input.configSummary)}</dd>
<dt>Queue</dt><dd>${Object.entries(input.queue).map(([k, v]) => `${escapeHtml(k)} ${v}`).join(' · ')}</dd></dl>
<h2>Last ${input.decisions.length} decisions</h2>
<table><thead><tr><th>When (UTC)</th><th>Ticket</th><th>Kind</th><th>Outcome</th><th>Rule</th><th>Reason</th><th>${input.mode === 'shadow' ? 'Would set (not written)' : 'Set'}</th><th>Note</th></tr></thead>
<tbody>${rows || '<tr><td colspan="8">No decisions yet.</td></tr>'}</tbody></table>
</body></html>`;
}
