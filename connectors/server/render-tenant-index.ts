// GET / of a deployment with several tenants: each tenant's mode, config and queue, with a link to
// its own status page. Admin only, like the single-account status page.
import type { JobState } from '../store/store.js';
import { escapeHtml } from '../http/escape-html.js';


export interface TenantIndexRow {
  readonly id: string;
  readonly mode: 'live' | 'shadow';
  readonly configSummary: string;
  /** null: the tenant's store does not answer. */
  readonly queue: Record<JobState, number> | null;
}

export function renderTenantIndex(rows: readonly TenantIndexRow[]): string {
  const body = rows
    .map((r) => {
      const queue = r.queue === null ? '<span class="down">store unreachable</span>' : Object.entries(r.queue).map(([k, v]) => `${escapeHtml(k)} ${v}`).join(' · ');
      return `<tr><td><a href="/t/${escapeHtml(r.id)}/">${escapeHtml(r.id)}</a></td><td><span class="mode mode-${r.mode}">${r.mode}</span></td><td>${queue}</td><td>${escapeHtml(r.configSummary)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>InScope connector · tenants</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#2f3941;margin:24px;background:#f8f9f9}
h1{font-size:20px;margin:0 0 4px} .mode{display:inline-block;padding:2px 8px;border-radius:4px;font-weight:600}
.mode-shadow{background:#fff0f1;color:#cc3340} .mode-live{background:#edf8f4;color:#037f52} .down{color:#cc3340;font-weight:600}
table{border-collapse:collapse;width:100%;background:#fff;margin-top:12px} th,td{border-bottom:1px solid #e9ebed;padding:6px 8px;text-align:left;vertical-align:top}
th{font-weight:600;color:#68737d}
</style></head><body>
<h1>InScope connector · ${rows.length} tenant${rows.length === 1 ? '' : 's'}</h1>
<table><thead><tr><th>Tenant</th><th>Mode</th><th>Queue</th><th>Config</th></tr></thead>
<tbody>${body}</tbody></table>
</body></html>`;
}
