// The worker pool's own policies: a store that fails does not kill the loop; typed failures that no
// retry can fix are dead-lettered at once, others are retried with the store's backoff; a job that
// runs long keeps its lease.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HelpdeskError } from '../../connectors/shared/helpdesk-error.js';
import { createSqliteStore } from '../../connectors/store/create-sqlite-store.js';
import type { Store } from '../../connectors/store/store.js';
import { createWorkerPool } from '../../connectors/worker/create-worker-pool.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function storeWithOneJob(): Promise<Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-pool-'));
  dirs.push(dir);
  const store = createSqliteStore({ file: path.join(dir, 'db.sqlite') });
  await store.migrate();
  await store.recordDelivery({ helpdesk: 'zendesk', accountId: 'acme', deliveryId: 'd1', eventId: 'e1', eventType: 'ticket.created', ticketId: '7', receivedAt: 1, payload: '{}' });
  return store;
}

describe('createWorkerPool', () => {
  it('keeps its loop alive when the store fails to hand out a job', async () => {
    const store = await storeWithOneJob();
    let failures = 1;
    const flaky: Store = Object.assign(Object.create(store) as Store, {
      claimJob: (options: Parameters<Store['claimJob']>[0]) => (failures-- > 0 ? Promise.reject(new Error('database restarting')) : store.claimJob(options)),
    });
    const handled: string[] = [];
    const errors: unknown[] = [];
    const pool = createWorkerPool({ store: flaky, concurrency: 1, workerId: 'w', now: () => 10, pollMs: 1, process: async (job) => void handled.push(job.ticketId), onStoreError: (e) => errors.push(e) });
    pool.start();
    await pool.drain();
    await pool.stop();
    expect(errors).toHaveLength(1);
    expect(handled).toEqual(['7']);
    expect((await store.queueDepth()).done).toBe(1);
    await store.close();
  });

  it.each([
    ['an authentication failure', new HelpdeskError('auth', 'token revoked', { status: 401 }), 'dead'],
    ['a ticket that no longer exists', new HelpdeskError('notFound', 'gone', { status: 404 }), 'dead'],
    ['a server error on a write', new HelpdeskError('server', 'boom', { status: 500 }), 'queued'],
    ['a rate limit', new HelpdeskError('rateLimit', 'slow down', { status: 429, retryAfterMs: 30_000 }), 'queued'],
    ['an unexpected error', new Error('surprise'), 'queued'],
  ])('handles %s', async (_name, error, state) => {
    const store = await storeWithOneJob();
    const results: string[] = [];
    const pool = createWorkerPool({ store, concurrency: 1, workerId: 'w', now: () => 10, pollMs: 1, random: () => 0.5, process: async () => Promise.reject(error), onResult: (_job, result) => results.push(result) });
    pool.start();
    await pool.drain();
    await pool.stop();
    const [job] = await store.listJobs({ limit: 1 });
    expect(job!.state).toBe(state);
    expect(job!.lastError).toContain(error.message);
    if (error instanceof HelpdeskError && error.retryAfterMs) expect(job!.runAfter).toBeGreaterThanOrEqual(10 + error.retryAfterMs);
    expect(results).toEqual([state === 'dead' ? 'dead' : 'retry']);
    await store.close();
  });

  it('renews the lease of a job that runs longer than its lease, so no other worker takes it over', async () => {
    const store = await storeWithOneJob();
    const leaseMs = 300;
    let clock = 1_000;
    const renewals: Promise<boolean>[] = [];
    const watched: Store = Object.assign(Object.create(store) as Store, {
      extendLease: (...args: Parameters<Store['extendLease']>) => {
        const renewal = store.extendLease(...args);
        renewals.push(renewal);
        return renewal;
      },
    });
    let takenOver: unknown = 'not tried';
    const errors: unknown[] = [];
    // Only the renewal timer is faked: the test moves it, and the store's clock, by hand.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const pool = createWorkerPool({
        store: watched, concurrency: 1, workerId: 'w', now: () => clock, leaseMs, pollMs: 1, onResult: (_job, _result, error) => errors.push(...(error ? [error] : [])),
        process: async () => {
          clock += 200;
          vi.advanceTimersByTime(leaseMs / 3);
          expect(await Promise.all(renewals)).toEqual([true]);
          // Past the lease claimed at 1_000 (until 1_300), inside the renewed one (until 1_500).
          clock += 200;
          takenOver = await store.claimJob({ workerId: 'other', now: clock, leaseMs });
        },
      });
      pool.start();
      await pool.drain();
      await pool.stop();
    } finally {
      vi.useRealTimers();
    }
    expect(errors).toEqual([]);
    expect(takenOver).toBeNull();
    expect((await store.queueDepth()).done).toBe(1);
    await store.close();
  });
});
