import { expect, it } from 'vitest';
import type { JobWithDeliveries, Store } from '../../connectors/store/store.js';
import { describeStores } from './store-backends.js';
import { delivery } from './temp-store.js';

const lease = { leaseMs: 60_000 };

// Claims and completes until the queue is empty, failing the test if a ticket is ever held twice.
async function drain(store: Store, workerId: string, holding: Set<string>, handled: JobWithDeliveries[]): Promise<void> {
  for (;;) {
    const job = await store.claimJob({ workerId, now: 5_000, ...lease });
    if (!job) return;
    if (holding.has(job.ticketId)) throw new Error(`ticket ${job.ticketId} claimed twice at once (job ${job.id} by ${workerId})`);
    holding.add(job.ticketId);
    handled.push(job);
    await new Promise<void>((resolve) => setImmediate(resolve));
    // Let go before completing: the database must still keep the ticket's next job back until the commit.
    holding.delete(job.ticketId);
    if (!(await store.completeJob(job.id, workerId))) throw new Error(`lost the lease on job ${job.id}`);
  }
}

describeStores('several PostgreSQL store instances on one database', (stores) => {
  it('never hand a job or a ticket to two workers while many workers of two instances claim at once', { timeout: 60_000 }, async () => {
    const [a, b] = [await stores.open(), await stores.open()] as const;
    const tickets = Array.from({ length: 150 }, (_, i) => String(7_000 + i));
    await Promise.all(tickets.map((ticket) => a.recordDelivery(delivery(ticket))));
    const holding = new Set<string>();
    const handled: JobWithDeliveries[] = [];
    const workers = Array.from({ length: 12 }, (_, i) => drain(i % 2 === 0 ? a : b, `w${i}`, holding, handled));
    // Follow-ups for every ticket arrive through the other instance while the first jobs are being handled.
    const followUps = Promise.all(tickets.map((ticket) => b.recordDelivery(delivery(ticket, { eventType: 'follow-up' }))));
    await Promise.all([...workers, followUps]);
    await Promise.all(Array.from({ length: 4 }, (_, i) => drain(i % 2 === 0 ? a : b, `late${i}`, holding, handled)));
    const ids = handled.map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    const events = handled.flatMap((job) => job.deliveries.map((d) => d.eventId));
    expect(events).toHaveLength(300);
    expect(new Set(events).size).toBe(300);
    expect(await a.queueDepth()).toMatchObject({ queued: 0, running: 0, dead: 0 });
  });

  it('accept each delivery exactly once when both instances receive the same redeliveries in different orders', { timeout: 60_000 }, async () => {
    const [a, b] = [await stores.open(), await stores.open()] as const;
    const copies = Array.from({ length: 200 }, (_, i) => delivery(String(8_000 + (i % 20)), { deliveryId: `inv-dup-${i}`, eventId: `evt-dup-${i}` }));
    const results = await Promise.all([
      ...copies.map((copy) => a.recordDelivery(copy)),
      ...[...copies].reverse().map((copy) => b.recordDelivery(copy)),
    ]);
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(200);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(200);
    expect(await a.queueDepth()).toEqual({ queued: 20, running: 0, done: 0, dead: 0 });
    const rows = await stores.query('SELECT COUNT(*)::int AS n FROM deliveries WHERE job_id IS NULL');
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('merge a delivery that races a failed job going back to the queue, losing none', { timeout: 60_000 }, async () => {
    const [a, b] = [await stores.open(), await stores.open()] as const;
    const tickets = Array.from({ length: 40 }, (_, i) => String(9_500 + i));
    await Promise.all(tickets.map((ticket) => a.recordDelivery(delivery(ticket))));
    const claimed = await Promise.all(tickets.map((_, i) => a.claimJob({ workerId: `w${i}`, now: 2_000, ...lease })));
    const outcomes = await Promise.all(claimed.flatMap((job, i) => [
      a.failJob(job?.id as number, `w${i}`, { error: '503', retryAt: 3_000 }),
      b.recordDelivery(delivery(job?.ticketId as string, { eventType: 'late' })),
    ]));
    expect(outcomes.filter((o) => o === 'queued')).toHaveLength(40);
    expect(await a.queueDepth()).toEqual({ queued: 40, running: 0, done: 0, dead: 0 });
    const rows = await stores.query('SELECT COUNT(*)::int AS n FROM deliveries d JOIN jobs j ON j.id = d.job_id WHERE j.state = \'queued\'');
    expect(rows).toEqual([{ n: 80 }]);
  });

  it('both succeed when they migrate the same new schema at the same moment, applying each migration once', async () => {
    const instances = await Promise.all(Array.from({ length: 3 }, () => stores.open({ postgres: { migrateOnOpen: false } })));
    const applied = await Promise.all(instances.map((store) => store.migrate()));
    const all = stores.migrations.map((m) => m.version);
    expect(applied.filter((versions) => versions.length > 0)).toEqual([all]);
    expect(applied.filter((versions) => versions.length === 0)).toHaveLength(2);
    expect(await stores.query('SELECT COUNT(*)::int AS n FROM schema_migrations')).toEqual([{ n: all.length }]);
  });

  it('open at the same moment on a new schema, each running the migrations on start', async () => {
    const instances = await Promise.all(Array.from({ length: 4 }, () => stores.open()));
    await Promise.all(instances.map((store) => store.ping()));
    expect(await stores.query('SELECT COUNT(*)::int AS n FROM schema_migrations')).toEqual([{ n: stores.migrations.length }]);
  });

  it('keeps working after the server dropped its idle connections, as on a PostgreSQL restart', async () => {
    const applicationName = `inscope_drop_${process.pid}_${Date.now()}`;
    let reportDropped = (): void => {};
    const dropped = new Promise<void>((resolve) => { reportDropped = resolve; });
    const store = await stores.open({ postgres: { applicationName, onError: () => { reportDropped(); } } });
    await store.ping();
    const killed = await stores.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = '${applicationName}'`);
    expect(killed.length).toBeGreaterThan(0);
    await dropped;
    await expect(store.recordDelivery(delivery('9900'))).resolves.toMatchObject({ status: 'accepted' });
  });
}, ['postgres']);
