// Runs N worker loops over the durable queue: claim a job, process it, then complete it, schedule a
// retry with capped, jittered backoff (Retry-After wins), or dead-letter it with the reason. Idle
// workers sleep until woken by a new delivery or the poll interval (which also picks up retries).
import { isHelpdeskError } from '../shared/helpdesk-error.js';
import { nextRetryAt } from '../store/next-retry-at.js';
import type { JobWithDeliveries, Store } from '../store/store.js';

const PERMANENT = new Set(['auth', 'notFound', 'validation', 'config', 'signature']);

export interface WorkerPoolOptions {
  readonly store: Store;
  readonly process: (job: JobWithDeliveries) => Promise<unknown>;
  readonly concurrency: number;
  readonly workerId: string;
  readonly now: () => number;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  readonly retryBaseMs?: number;
  readonly retryCapMs?: number;
  readonly random?: () => number;
  readonly onResult?: (job: JobWithDeliveries, result: 'done' | 'retry' | 'dead', error?: unknown) => void;
  readonly onStoreError?: (error: unknown) => void;
}

export interface WorkerPool {
  start(): void;
  /** A delivery was stored: an idle worker should look now. */
  wake(): void;
  /** Resolves when the queue has no runnable job and every worker is idle (tests, backfill). */
  drain(): Promise<void>;
  /** Graceful shutdown: finish in-flight jobs, then hand back anything still leased. */
  stop(): Promise<void>;
}

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const leaseMs = options.leaseMs ?? 120_000;
  const pollMs = options.pollMs ?? 1_000;
  const random = options.random ?? Math.random;
  let running = false;
  let busy = 0;
  const sleepers = new Set<() => void>();
  const drainWaiters = new Set<() => void>();
  const loops: Promise<void>[] = [];

  const wakeAll = () => {
    for (const wake of [...sleepers]) wake();
  };

  const idle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      sleepers.add(done);
    });

  async function handle(job: JobWithDeliveries): Promise<void> {
    // A job that waits long (Retry-After, a slow helpdesk) keeps its lease, so no other instance
    // claims it while it still runs.
    const renew = setInterval(() => {
      void options.store.extendLease(job.id, options.workerId, { now: options.now(), leaseMs }).catch(() => undefined);
    }, Math.max(10, Math.floor(leaseMs / 3)));
    try {
      await options.process(job);
      await options.store.completeJob(job.id, options.workerId);
      options.onResult?.(job, 'done');
    } catch (error) {
      const now = options.now();
      const message = isHelpdeskError(error) ? `${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}` : error instanceof Error ? error.message : String(error);
      // Typed failures that no retry can fix go straight to the dead letters. A 500 on a write is
      // retried at the job level: the job reads the ticket again first, and the decision tag tells
      // whether the failed write landed after all, so nothing is written twice.
      const retry = !isHelpdeskError(error) || !PERMANENT.has(error.kind);
      const retryAt = retry
        ? nextRetryAt({
            attempts: job.attempts,
            now,
            baseMs: options.retryBaseMs ?? 2_000,
            capMs: options.retryCapMs ?? 300_000,
            ...(isHelpdeskError(error) && error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
            random,
          })
        : undefined;
      const state = await options.store.failJob(job.id, options.workerId, { error: message, ...(retryAt !== undefined ? { retryAt } : {}) });
      options.onResult?.(job, state === 'dead' ? 'dead' : 'retry', error);
    } finally {
      clearInterval(renew);
    }
  }

  async function loop(): Promise<void> {
    let storeFailures = 0;
    while (running) {
      try {
        const job = await options.store.claimJob({ workerId: options.workerId, now: options.now(), leaseMs });
        storeFailures = 0;
        if (!job) {
          if (busy === 0) for (const resolve of [...drainWaiters]) resolve();
          await idle();
          continue;
        }
        busy++;
        try {
          await handle(job);
        } finally {
          busy--;
        }
      } catch (error) {
        // The store is down (a database restart, a lock timeout): the loop survives and tries again;
        // a job it held comes back when its lease expires.
        storeFailures++;
        options.onStoreError?.(error);
        await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs * 2 ** Math.min(storeFailures, 6), 30_000)));
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      for (let i = 0; i < options.concurrency; i++) loops.push(loop());
    },
    wake: wakeAll,
    drain() {
      return new Promise<void>((resolve) => {
        const done = () => {
          drainWaiters.delete(done);
          resolve();
        };
        drainWaiters.add(done);
        wakeAll();
      });
    },
    async stop() {
      running = false;
      wakeAll();
      await Promise.all(loops);
      loops.length = 0;
      await options.store.releaseJobsOf(options.workerId);
    },
  };
}
