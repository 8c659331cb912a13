import { expect, it } from 'vitest';
import { describeStores } from './store-backends.js';
import { delivery } from './temp-store.js';

describeStores('recordDelivery', (stores) => {
  it('accepts a new delivery and queues a job for its ticket', async () => {
    const store = await stores.open();
    const result = await store.recordDelivery(delivery('101', { receivedAt: 5_000 }));
    expect(result).toEqual({ status: 'accepted', jobId: expect.any(Number) });
    const job = await store.getJob(result.jobId as number);
    expect(job).toMatchObject({ helpdesk: 'zendesk', accountId: 'veldhuis', ticketId: '101', state: 'queued', attempts: 0, runAfter: 5_000 });
    expect(job?.deliveries).toHaveLength(1);
  });

  it.each([
    ['the same delivery (invocation) id', { deliveryId: 'inv-x' }, { deliveryId: 'inv-x' }],
    ['the same event id under a new delivery id', { eventId: 'evt-x' }, { eventId: 'evt-x' }],
  ])('reports a redelivery with %s as a duplicate of the first job', async (_name, first, second) => {
    const store = await stores.open();
    const accepted = await store.recordDelivery(delivery('102', first));
    const again = await store.recordDelivery(delivery('102', second));
    expect(again).toEqual({ status: 'duplicate', jobId: accepted.jobId });
    expect((await store.getJob(accepted.jobId as number))?.deliveries).toHaveLength(1);
  });

  it.each([
    ['another account', { accountId: 'other' }],
    ['another helpdesk', { helpdesk: 'jira' as const }],
  ])('accepts the same ids from %s', async (_name, scope) => {
    const store = await stores.open();
    await store.recordDelivery(delivery('103', { deliveryId: 'inv-y', eventId: 'evt-y' }));
    const result = await store.recordDelivery(delivery('103', { deliveryId: 'inv-y', eventId: 'evt-y', ...scope }));
    expect(result.status).toBe('accepted');
  });

  it('coalesces deliveries for a ticket with a queued job, keeping their arrival order', async () => {
    const store = await stores.open();
    const first = await store.recordDelivery(delivery('104', { eventId: 'e1', eventType: 'ticket.created' }));
    const second = await store.recordDelivery(delivery('104', { eventId: 'e2', eventType: 'ticket.comment_added' }));
    const other = await store.recordDelivery(delivery('105', { eventId: 'e3' }));
    const third = await store.recordDelivery(delivery('104', { eventId: 'e4', eventType: 'ticket.priority_changed' }));
    expect(second.jobId).toBe(first.jobId);
    expect(third.jobId).toBe(first.jobId);
    expect(other.jobId).not.toBe(first.jobId);
    const job = await store.getJob(first.jobId as number);
    expect(job?.deliveries.map((d) => [d.eventId, d.eventType])).toEqual([
      ['e1', 'ticket.created'], ['e2', 'ticket.comment_added'], ['e4', 'ticket.priority_changed'],
    ]);
    expect(await store.queueDepth()).toEqual({ queued: 2, running: 0, done: 0, dead: 0 });
  });

  it('writes concurrent deliveries in one transaction and resolves each after the commit', async () => {
    const store = await stores.open();
    const before = store.metrics();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.recordDelivery(delivery(String(200 + (i % 10))))));
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    expect(store.metrics().deliveryCommits - before.deliveryCommits).toBe(1);
    expect(store.metrics().deliveriesWritten - before.deliveriesWritten).toBe(50);
    expect(new Set(results.map((r) => r.jobId)).size).toBe(10);
  });

  it('dedupes copies within one batch exactly as it dedupes copies sent one by one', async () => {
    const store = await stores.open();
    const seen = await store.recordDelivery(delivery('306', { deliveryId: 'inv-seen', eventId: 'evt-seen' }));
    const results = await Promise.all([
      store.recordDelivery(delivery('307', { deliveryId: 'inv-a', eventId: 'evt-a' })),
      store.recordDelivery(delivery('307', { deliveryId: 'inv-a', eventId: 'evt-a' })),
      store.recordDelivery(delivery('307', { deliveryId: 'inv-b', eventId: 'evt-a' })),
      // A duplicate by its event id does not claim its fresh delivery id: the next copy with it is new.
      store.recordDelivery(delivery('306', { deliveryId: 'inv-c', eventId: 'evt-seen' })),
      store.recordDelivery(delivery('306', { deliveryId: 'inv-c', eventId: 'evt-fresh' })),
    ]);
    expect(store.metrics().deliveryCommits).toBe(2);
    const first = results[0]?.jobId;
    expect(results).toEqual([
      { status: 'accepted', jobId: first },
      { status: 'duplicate', jobId: first },
      { status: 'duplicate', jobId: first },
      { status: 'duplicate', jobId: seen.jobId },
      { status: 'accepted', jobId: seen.jobId },
    ]);
    expect((await store.getJob(seen.jobId as number))?.deliveries.map((d) => d.deliveryId)).toEqual(['inv-seen', 'inv-c']);
  });

  it('commits once per call when the calls do not overlap', async () => {
    const store = await stores.open();
    for (let i = 0; i < 3; i += 1) await store.recordDelivery(delivery('300'));
    expect(store.metrics().deliveryCommits).toBe(3);
  });

  it('rejects every delivery of a batch when its transaction cannot commit, and recovers afterwards', async () => {
    const store = await stores.open({ noLockWait: true });
    const letGo = await stores.holdWriteLock();
    const batch = [store.recordDelivery(delivery('301')), store.recordDelivery(delivery('302'))];
    const settled = await Promise.allSettled(batch);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(String((settled[0] as PromiseRejectedResult).reason)).toMatch(/locked|busy|lock timeout/i);
    await letGo();
    expect((await store.recordDelivery(delivery('301'))).status).toBe('accepted');
    expect(await store.queueDepth()).toMatchObject({ queued: 1 });
  });

  it('rejects a malformed delivery on its own without failing the rest of its batch', async () => {
    const store = await stores.open();
    const bad = { ...delivery('303'), helpdesk: 'freshdesk' } as unknown as Parameters<typeof store.recordDelivery>[0];
    const settled = await Promise.allSettled([store.recordDelivery(delivery('303')), store.recordDelivery(bad)]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/unknown helpdesk/);
  });

  it('keeps acknowledged deliveries across close and reopen, and still dedupes them', async () => {
    const store = await stores.open();
    const accepted = await store.recordDelivery(delivery('304', { deliveryId: 'inv-durable', payload: '{"a":1}' }));
    await store.close();
    const reopened = await stores.open();
    const job = await reopened.getJob(accepted.jobId as number);
    expect(job?.deliveries).toEqual([expect.objectContaining({ deliveryId: 'inv-durable', payload: '{"a":1}' })]);
    expect((await reopened.recordDelivery(delivery('304', { deliveryId: 'inv-durable' }))).status).toBe('duplicate');
  });

  it('writes deliveries still pending when the store is closed', async () => {
    const store = await stores.open();
    const pending = store.recordDelivery(delivery('305'));
    await store.close();
    await expect(pending).resolves.toMatchObject({ status: 'accepted' });
    await expect(store.recordDelivery(delivery('305'))).rejects.toThrow(/closed/);
    expect(await (await stores.open()).queueDepth()).toMatchObject({ queued: 1 });
  });
});

describeStores('the SQLite database file', (stores) => {
  it('is left in WAL mode', async () => {
    await stores.open();
    expect(await stores.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });
}, ['sqlite']);
