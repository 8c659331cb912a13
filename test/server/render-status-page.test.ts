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
});
