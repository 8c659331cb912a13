import { expect, it } from 'vitest';
import { openStore } from '../../connectors/store/open-store.js';
import { describeStores } from './store-backends.js';
import { delivery } from './temp-store.js';

describeStores('the PostgreSQL store', (stores) => {
  it('is what openStore opens for a postgres:// URL, with ?schema= naming the schema for its tables', async () => {
    const store = await openStore(stores.url());
    try {
      await store.putSetting('k', 'v');
      expect(await stores.query("SELECT value FROM settings WHERE key = 'k'")).toEqual([{ value: 'v' }]);
      expect(await stores.query('SELECT current_schema() AS s')).toEqual([{ s: new URL(stores.url()).searchParams.get('schema') }]);
    } finally {
      await store.close();
    }
  });

  it('stores a NUL character as U+FFFD instead of failing the whole batch, and still dedupes by it', async () => {
    const store = await stores.open();
    const [plain, nul] = await Promise.all([
      store.recordDelivery(delivery('400')),
      store.recordDelivery(delivery('401', { eventId: 'evt-\u0000', payload: '{"note":"a\u0000b"}' })),
    ]);
    expect([plain?.status, nul?.status]).toEqual(['accepted', 'accepted']);
    expect((await store.getJob(nul?.jobId as number))?.deliveries[0]).toMatchObject({ eventId: 'evt-\uFFFD', payload: '{"note":"a\uFFFDb"}' });
    expect((await store.recordDelivery(delivery('401', { eventId: 'evt-\u0000' }))).status).toBe('duplicate');
  });

  it('keeps an error message or audit note with a NUL character', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('402'));
    const job = await store.claimJob({ workerId: 'w1', now: 1_000, leaseMs: 1_000 });
    expect(await store.failJob(job?.id as number, 'w1', { error: 'bad\u0000byte' })).toBe('dead');
    expect(await store.getJob(job?.id as number)).toMatchObject({ lastError: 'bad\uFFFDbyte' });
    const id = await store.appendAudit({
      helpdesk: 'zendesk', accountId: 'veldhuis', ticketId: '402', eventIds: ['e\u0000'], kind: 'error', configHash: 'h',
      verdict: { text: 'x\u0000' }, calls: [], at: 1_000, note: 'n\u0000',
    });
    expect((await store.listAudit({ ticketId: '402', limit: 1 }))[0]).toMatchObject({ id, eventIds: ['e\uFFFD'], verdict: { text: 'x\u0000' }, note: 'n\uFFFD' });
  });
}, ['postgres']);
