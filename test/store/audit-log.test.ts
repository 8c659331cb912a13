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

  it('filters by kind, outcome, rule, time range and id, newest first', async () => {
    const store = await stores.open();
    const covered = await store.appendAudit(entry({ outcome: 'covered', rule: 'defect', at: 1_000 }));
    const advisory = await store.appendAudit(entry({ outcome: 'advisory', rule: 'consultancy', at: 2_000 }));
    const guard = await store.appendAudit(entry({ kind: 'guard', outcome: 'advisory', rule: 'consultancy', at: 3_000 }));
    await store.appendAudit(entry({ kind: 'action', outcome: 'advisory', rule: 'proposal-shadow', at: 4_000 }));
    const ids = async (options: Omit<Parameters<typeof store.listAudit>[0], 'limit'>) => (await store.listAudit({ ...options, limit: 10 })).map((e) => e.id);
    expect(await ids({ kinds: ['decision', 'guard'] })).toEqual([guard, advisory, covered]);
    expect(await ids({ kinds: ['decision', 'guard'], outcome: 'advisory' })).toEqual([guard, advisory]);
    expect(await ids({ rule: 'defect' })).toEqual([covered]);
    expect(await ids({ kinds: ['decision', 'guard'], since: 2_000, until: 3_000 })).toEqual([advisory]);
    expect(await ids({ id: advisory })).toEqual([advisory]);
    expect(await ids({ kinds: [] })).toEqual([]);
  });

  it('filters by the contract or organization the decision recorded, by id or by name', async () => {
    const store = await stores.open();
    const a = await store.appendAudit(entry({ verdict: { contract: { id: 'C-1', name: 'Bakkerij Jansen' }, organization: { id: '9001', name: 'Jansen BV' } } }));
    const b = await store.appendAudit(entry({ verdict: { contract: null, organization: { id: '9002', name: null } } }));
    await store.appendAudit(entry({ verdict: null }));
    for (const organization of ['C-1', 'Bakkerij Jansen', '9001', 'Jansen BV']) {
      expect((await store.listAudit({ organization, limit: 10 })).map((e) => e.id)).toEqual([a]);
    }
    expect((await store.listAudit({ organization: '9002', limit: 10 })).map((e) => e.id)).toEqual([b]);
    expect(await store.listAudit({ organization: 'nobody', limit: 10 })).toEqual([]);
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
