import { expect, it } from 'vitest';
import { describeStores } from './store-backends.js';
import { delivery } from './temp-store.js';

const lease = { leaseMs: 60_000 };

describeStores('the job queue', (stores) => {
  it('claims the job that has been due longest, with its deliveries, and counts the attempt', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('2', { receivedAt: 2_000 }));
    await store.recordDelivery(delivery('1', { receivedAt: 1_000, eventId: 'first' }));
    const job = await store.claimJob({ workerId: 'w1', now: 3_000, ...lease });
    expect(job).toMatchObject({ ticketId: '1', state: 'running', attempts: 1, leaseOwner: 'w1', leaseUntil: 63_000 });
    expect(job?.deliveries.map((d) => d.eventId)).toEqual(['first']);
    expect((await store.claimJob({ workerId: 'w1', now: 3_000, ...lease }))?.ticketId).toBe('2');
    expect(await store.claimJob({ workerId: 'w1', now: 3_000, ...lease })).toBeNull();
  });

  it('does not hand out a job before its runAfter', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('3', { receivedAt: 5_000 }));
    expect(await store.claimJob({ workerId: 'w1', now: 4_999, ...lease })).toBeNull();
    expect(await store.claimJob({ workerId: 'w1', now: 5_000, ...lease })).not.toBeNull();
  });

  it('queues a delivery for a running ticket as a second job that waits until the first is done', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('4', { eventId: 'a' }));
    const running = await store.claimJob({ workerId: 'w1', now: 1_000, ...lease });
    const followUp = await store.recordDelivery(delivery('4', { eventId: 'b' }));
    await store.recordDelivery(delivery('4', { eventId: 'c' }));
    expect(followUp.jobId).not.toBe(running?.id);
    expect(await store.claimJob({ workerId: 'w2', now: 2_000, ...lease })).toBeNull();
    expect(await store.completeJob(running?.id as number, 'w1')).toBe(true);
    const next = await store.claimJob({ workerId: 'w2', now: 2_000, ...lease });
    expect(next?.id).toBe(followUp.jobId);
    expect(next?.deliveries.map((d) => d.eventId)).toEqual(['b', 'c']);
  });

  it('never hands the same ticket to two workers on two connections', async () => {
    const a = await stores.open();
    const b = await stores.open();
    const tickets = Array.from({ length: 12 }, (_, i) => String(500 + i));
    for (const ticket of tickets) await a.recordDelivery(delivery(ticket));
    const claimAll = () => Promise.all(Array.from({ length: 16 }, (_, i) =>
      (i % 2 === 0 ? a : b).claimJob({ workerId: `w${i}`, now: 2_000, ...lease })));
    const first = (await claimAll()).filter((job) => job !== null);
    for (const ticket of tickets) await b.recordDelivery(delivery(ticket));
    const second = (await claimAll()).filter((job) => job !== null);
    expect(first.map((job) => job.ticketId).sort()).toEqual(tickets);
    expect(second).toEqual([]);
    expect(await a.queueDepth()).toMatchObject({ running: 12, queued: 12 });
  });

  it('refuses a second running job for a ticket at the database level', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('6'));
    await store.claimJob({ workerId: 'w1', now: 1_000, ...lease });
    await expect(stores.query(`INSERT INTO jobs (helpdesk, account_id, ticket_id, state, run_after, created_at, updated_at)
      VALUES ('zendesk', 'veldhuis', '6', 'running', 0, 0, 0)`)).rejects.toThrow(/UNIQUE|unique constraint "jobs_one_running_per_ticket"/);
  });

  it('hands a job whose lease expired to another worker, and the first one can no longer finish it', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('7'));
    const first = await store.claimJob({ workerId: 'dead-worker', now: 1_000, leaseMs: 100 });
    expect(await store.claimJob({ workerId: 'w2', now: 1_099, leaseMs: 100 })).toBeNull();
    const second = await store.claimJob({ workerId: 'w2', now: 1_100, leaseMs: 100 });
    expect(second).toMatchObject({ id: first?.id, leaseOwner: 'w2', attempts: 2 });
    expect(await store.completeJob(first?.id as number, 'dead-worker')).toBe(false);
    expect(await store.failJob(first?.id as number, 'dead-worker', { error: 'late' })).toBeNull();
    expect(await store.completeJob(first?.id as number, 'w2')).toBe(true);
    expect((await store.getJob(first?.id as number))?.state).toBe('done');
  });

  it('recovers a ticket\'s expired job before its follow-up, so the ticket\'s events stay in order', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('23', { eventId: 'first', receivedAt: 1_000 }));
    const crashed = await store.claimJob({ workerId: 'dead-worker', now: 1_000, leaseMs: 500 });
    await store.recordDelivery(delivery('23', { eventId: 'second', receivedAt: 1_100 }));
    const recovered = await store.claimJob({ workerId: 'w2', now: 1_500, leaseMs: 500 });
    expect(recovered).toMatchObject({ id: crashed?.id, deliveries: [expect.objectContaining({ eventId: 'first' })] });
    expect(await store.claimJob({ workerId: 'w3', now: 1_600, leaseMs: 500 })).toBeNull();
  });

  it('keeps a job whose lease was extended away from other workers', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('8'));
    const job = await store.claimJob({ workerId: 'w1', now: 1_000, leaseMs: 100 });
    expect(await store.extendLease(job?.id as number, 'w1', { now: 1_050, leaseMs: 100 })).toBe(true);
    expect(await store.extendLease(job?.id as number, 'w2', { now: 1_050, leaseMs: 100 })).toBe(false);
    expect(await store.claimJob({ workerId: 'w2', now: 1_120, leaseMs: 100 })).toBeNull();
    expect(await store.claimJob({ workerId: 'w2', now: 1_150, leaseMs: 100 })).toMatchObject({ leaseOwner: 'w2' });
  });

  it('retries a failed job after retryAt and buries it with the reason after maxAttempts', async () => {
    const store = await stores.open({ maxAttempts: 3 });
    await store.recordDelivery(delivery('9'));
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const job = await store.claimJob({ workerId: 'w1', now: attempt * 10_000, ...lease });
      expect(job?.attempts).toBe(attempt);
      expect(await store.failJob(job?.id as number, 'w1', { error: `503 attempt ${attempt}`, retryAt: attempt * 10_000 + 5_000 })).toBe('queued');
      expect(await store.claimJob({ workerId: 'w1', now: attempt * 10_000 + 4_999, ...lease })).toBeNull();
    }
    const last = await store.claimJob({ workerId: 'w1', now: 30_000, ...lease });
    expect(await store.failJob(last?.id as number, 'w1', { error: '503 attempt 3', retryAt: 35_000 })).toBe('dead');
    expect(await store.getJob(last?.id as number)).toMatchObject({ state: 'dead', attempts: 3, lastError: '503 attempt 3', leaseOwner: null });
    expect(await store.claimJob({ workerId: 'w1', now: 99_000, ...lease })).toBeNull();
  });

  it('buries a failed job at once when no retry time is given', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('10'));
    const job = await store.claimJob({ workerId: 'w1', now: 1_000, ...lease });
    expect(await store.failJob(job?.id as number, 'w1', { error: '404 ticket deleted' })).toBe('dead');
    expect(await store.listJobs({ state: 'dead', limit: 10 })).toEqual([expect.objectContaining({ id: job?.id, lastError: '404 ticket deleted' })]);
  });

  it('buries a job whose lease keeps expiring instead of letting it crash workers forever', async () => {
    const store = await stores.open({ maxAttempts: 2 });
    await store.recordDelivery(delivery('11', { receivedAt: 0 }));
    // Due when the poisoned job's second lease runs out, so the claim at 1_200 sees the poisoned job first.
    await store.recordDelivery(delivery('12', { receivedAt: 1_200 }));
    const poison = await store.claimJob({ workerId: 'w1', now: 1_000, leaseMs: 100 });
    expect(await store.claimJob({ workerId: 'w2', now: 1_100, leaseMs: 100 })).toMatchObject({ id: poison?.id, attempts: 2 });
    expect(await store.claimJob({ workerId: 'w3', now: 1_200, leaseMs: 100 })).toMatchObject({ ticketId: '12' });
    expect(await store.getJob(poison?.id as number)).toMatchObject({ state: 'dead', lastError: expect.stringMatching(/lease expired after 2 attempts/) });
  });

  it('merges the follow-up job into a failed job that goes back to the queue, keeping arrival order', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('13', { eventId: 'a' }));
    const job = await store.claimJob({ workerId: 'w1', now: 1_000, ...lease });
    await store.recordDelivery(delivery('13', { eventId: 'b' }));
    expect(await store.failJob(job?.id as number, 'w1', { error: '429', retryAt: 2_000 })).toBe('queued');
    expect(await store.queueDepth()).toEqual({ queued: 1, running: 0, done: 0, dead: 0 });
    const retried = await store.claimJob({ workerId: 'w1', now: 2_000, ...lease });
    expect(retried).toMatchObject({ id: job?.id, attempts: 2, lastError: '429' });
    expect(retried?.deliveries.map((d) => d.eventId)).toEqual(['a', 'b']);
  });

  it('lets an operator retry a dead job with fresh attempts, merging a queued job of the same ticket', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('14', { eventId: 'a' }));
    const job = await store.claimJob({ workerId: 'w1', now: 1_000, ...lease });
    await store.failJob(job?.id as number, 'w1', { error: 'config error' });
    await store.recordDelivery(delivery('14', { eventId: 'b' }));
    expect(await store.retryJob(job?.id as number, 5_000)).toMatchObject({ id: job?.id, state: 'queued', attempts: 0, runAfter: 5_000 });
    expect(await store.retryJob(job?.id as number, 5_000)).toBeNull();
    expect(await store.retryJob(9_999, 5_000)).toBeNull();
    expect((await store.getJob(job?.id as number))?.deliveries.map((d) => d.eventId)).toEqual(['a', 'b']);
    expect(await store.queueDepth()).toEqual({ queued: 1, running: 0, done: 0, dead: 0 });
  });

  it('releases a stopping worker\'s jobs without spending an attempt', async () => {
    const store = await stores.open();
    await store.recordDelivery(delivery('15'));
    await store.recordDelivery(delivery('16'));
    const mine = await store.claimJob({ workerId: 'stopping', now: 1_000, ...lease });
    const theirs = await store.claimJob({ workerId: 'other', now: 1_000, ...lease });
    expect(await store.releaseJobsOf('stopping')).toBe(1);
    expect(await store.getJob(mine?.id as number)).toMatchObject({ state: 'queued', attempts: 0, leaseOwner: null });
    expect(await store.getJob(theirs?.id as number)).toMatchObject({ state: 'running', leaseOwner: 'other' });
  });

  it('lists jobs newest first, filtered by state and limited', async () => {
    const store = await stores.open();
    for (const ticket of ['17', '18', '19']) await store.recordDelivery(delivery(ticket));
    await store.claimJob({ workerId: 'w1', now: 1_000, ...lease });
    expect((await store.listJobs({ limit: 2 })).map((job) => job.ticketId)).toEqual(['19', '18']);
    expect((await store.listJobs({ state: 'running', limit: 10 })).map((job) => job.ticketId)).toEqual(['17']);
    expect(await store.queueDepth()).toEqual({ queued: 2, running: 1, done: 0, dead: 0 });
  });

  it('prunes done jobs older than the cut-off with their deliveries, and nothing else', async () => {
    let clock = 1_000;
    const store = await stores.open({ now: () => clock });
    for (const ticket of ['20', '21', '22']) await store.recordDelivery(delivery(ticket, { deliveryId: `inv-${ticket}` }));
    const old = await store.claimJob({ workerId: 'w1', now: 1_000, ...lease });
    await store.completeJob(old?.id as number, 'w1');
    clock = 5_000;
    const recent = await store.claimJob({ workerId: 'w1', now: 5_000, ...lease });
    await store.completeJob(recent?.id as number, 'w1');
    expect(await store.pruneDone(5_000)).toEqual({ jobs: 1, deliveries: 1 });
    expect(await store.getJob(old?.id as number)).toBeNull();
    expect(await store.queueDepth()).toEqual({ queued: 1, running: 0, done: 1, dead: 0 });
    expect((await store.recordDelivery(delivery('20', { deliveryId: 'inv-20' }))).status).toBe('accepted');
  });
});
