import { describe, expect, it } from 'vitest';
import { renderStatusPage } from '../../connectors/server/render-status-page.js';
import type { AuditEntry } from '../../connectors/store/store.js';

function entry(helpdesk: AuditEntry['helpdesk'], ticketId: string, note: string | null = null): AuditEntry {
  return {
    id: 1, helpdesk, accountId: 'acme', ticketId, jobId: 1, eventIds: [], kind: 'decision', outcome: 'covered', rule: 'defect',
    configHash: 'abc', verdict: { reasons: [{ en: 'A defect in the software.' }] }, fingerprint: null, calls: [], at: Date.UTC(2026, 10, 27, 9, 30), actor: null, note,
  };
}

describe('renderStatusPage', () => {
  it('links each decision to its own helpdesk, and names the tenant', () => {
    const html = renderStatusPage({
      mode: 'live', tenant: 'acme', configFile: 'coverage.yaml', configSummary: '1 contract', queue: { queued: 0, running: 0, done: 2, dead: 0 },
      decisions: [entry('zendesk', '48201'), entry('jira', 'SUP-42')],
      ticketUrl: (id, kind) => (kind === 'jira' ? `https://acme.atlassian.net/browse/${id}` : `https://acme.zendesk.com/agent/tickets/${id}`),
    });
    expect(html).toContain('<a href="https://acme.zendesk.com/agent/tickets/48201">#48201</a>');
    expect(html).toContain('<a href="https://acme.atlassian.net/browse/SUP-42">#SUP-42</a>');
    expect(html).toContain('InScope connector · tenant acme');
  });

  it('escapes what tickets and notes carry', () => {
    const html = renderStatusPage({
      mode: 'shadow', configFile: 'c.yaml', configSummary: 's', queue: { queued: 1, running: 0, done: 0, dead: 0 },
      decisions: [entry('zendesk', '1', '<script>alert(1)</script>')], ticketUrl: () => null,
    });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('tenant');
  });

  it('shows the change a shadow decision would have written, and links its proposal PDF', () => {
    const shadow: AuditEntry = {
      ...entry('zendesk', '48203', 'shadow, nothing written: first decision'),
      outcome: 'advisory', rule: 'how-to-question',
      verdict: {
        reasons: [{ en: 'A question.' }],
        planned: {
          category: 'advisory', status: 'new', tags: ['payroll', 'inscope_advisory'],
          comment: { body: `Beste klant,\n${'x'.repeat(300)}`, public: true, attachments: [{ filename: 'P-2026-0001-v1.pdf', contentType: 'application/pdf', size: 9 }] },
        },
        proposal: { id: 7, number: 'P-2026-0001', version: 1 },
      },
    };
    const html = renderStatusPage({
      mode: 'shadow', configFile: 'c.yaml', configSummary: 's', queue: { queued: 0, running: 0, done: 1, dead: 0 },
      decisions: [shadow], ticketUrl: () => null, proposalPdfUrl: (id) => `/t/acme/proposals/${id}.pdf`,
    });
    expect(html).toContain('<th>Would set (not written)</th>');
    expect(html).toContain('category <b>advisory</b><br>status <b>new</b><br>tags <code>payroll</code> <code>inscope_advisory</code>');
    expect(html).toContain(`public reply with P-2026-0001-v1.pdf: <q>Beste klant,\n${'x'.repeat(147)}…</q>`);
    expect(html).toContain('proposal <a href="/t/acme/proposals/7.pdf">P-2026-0001 v1 (PDF)</a>');
  });
});
