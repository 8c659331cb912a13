import { expect, it } from 'vitest';
import type { AuditInput } from '../../connectors/store/store.js';
import { describeStores } from './store-backends.js';

const entry = (overrides: Partial<AuditInput> = {}): AuditInput => ({
  helpdesk: 'zendesk',
  accountId: 'veldhuis',
  ticketId: '4711',
  eventIds: ['evt-1'],
  kind: 'decision',
  configHash: 'sha256:abc',
  verdict: { outcome: 'covered', contract: { id: 'C-2026-001' } },
  calls: [],
  at: 1_000,
  ...overrides,
});

describeStores('the audit log and settings', (stores) => {
  it('keeps every field of an entry, JSON included, and reads it back newest first', async () => {
    const store = await stores.open();
    const calls = [{ method: 'PUT', path: '/api/v2/tickets/4711', status: 200, durationMs: 42 }];
    const first = await store.appendAudit(entry({ jobId: 7, outcome: 'covered', rule: 'gold-all', fingerprint: 'fp-1', calls, actor: 'worker-1', note: 'live' }));
    const second = await store.appendAudit(entry({ kind: 'guard', at: 2_000, verdict: { reverted: ['status'] } }));
    const listed = await store.listAudit({ ticketId: '4711', limit: 10 });
    expect(listed.map((e) => e.id)).toEqual([second, first]);
    expect(listed[1]).toEqual({
      id: first, helpdesk: 'zendesk', accountId: 'veldhuis', ticketId: '4711', jobId: 7, eventIds: ['evt-1'], kind: 'decision',
      outcome: 'covered', rule: 'gold-all', configHash: 'sha256:abc', verdict: { outcome: 'covered', contract: { id: 'C-2026-001' } },
      fingerprint: 'fp-1', calls, at: 1_000, actor: 'worker-1', note: 'live',
    });
    expect(listed[0]).toMatchObject({ jobId: null, outcome: null, rule: null, fingerprint: null, actor: null, note: null });
  });

  it('filters the list by ticket and honours the limit', async () => {
    const store = await stores.open();
    for (const ticketId of ['1', '2', '1', '1']) await store.appendAudit(entry({ ticketId }));
    expect((await store.listAudit({ ticketId: '1', limit: 10 })).every((e) => e.ticketId === '1')).toBe(true);
    expect(await store.listAudit({ ticketId: '1', limit: 10 })).toHaveLength(3);
    expect(await store.listAudit({ limit: 2 })).toHaveLength(2);
  });

  it('finds the last decision of a ticket, ignoring guards, actions and other tickets or helpdesks', async () => {
    const store = await stores.open();
    expect(await store.lastDecision('zendesk', 'veldhuis', '4711')).toBeNull();
    await store.appendAudit(entry({ fingerprint: 'old' }));
    await store.appendAudit(entry({ fingerprint: 'new', outcome: 'advisory' }));
    await store.appendAudit(entry({ kind: 'action', fingerprint: 'action' }));
    await store.appendAudit(entry({ ticketId: '4712', fingerprint: 'other ticket' }));
    await store.appendAudit(entry({ helpdesk: 'jira', fingerprint: 'other helpdesk' }));
    expect(await store.lastDecision('zendesk', 'veldhuis', '4711')).toMatchObject({ fingerprint: 'new', outcome: 'advisory' });
  });

  it('stores settings by key and overwrites them', async () => {
    const store = await stores.open();
    expect(await store.getSetting('zendesk.webhookSecret')).toBeNull();
    await store.putSetting('zendesk.webhookSecret', 'first');
    await store.putSetting('zendesk.webhookSecret', 'second');
    expect(await store.getSetting('zendesk.webhookSecret')).toBe('second');
  });

  it('keeps the first value when several instances offer one at once', async () => {
    const first = await stores.open();
    const second = await stores.open();
    const offered = await Promise.all([first.putSettingIfAbsent('proposal.secret', 'from-first'), second.putSettingIfAbsent('proposal.secret', 'from-second')]);
    expect(offered[0]).toBe(offered[1]);
    expect(await first.getSetting('proposal.secret')).toBe(offered[0]);
    expect(await second.putSettingIfAbsent('proposal.secret', 'later')).toBe(offered[0]);
  });
});
