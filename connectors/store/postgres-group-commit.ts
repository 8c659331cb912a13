// Group commit for an asynchronous driver: the items submitted while no batch is being written form
// the next batch, and while one batch's transaction is in flight the next one gathers. So one store
// has at most one delivery transaction open; under load each commit carries many deliveries.
// (create-group-commit.ts is the synchronous twin used by SQLite.)
//
// Several instances on one schema split the same callers between them, so each one's batches are a
// fraction as large and every delivery carries more of a commit's fixed cost (a transaction's round
// trips, its wake-ups). Hence the adaptive wait: when the next batch gathered while the previous one
// was in flight (load is high) and it is still small, it waits, at most `maxWaitMs`, for the callers
// just answered to come back, up to as many as were active. A batch that arrives at an idle store is
// written at once, so latency at low load does not change. Every item is still acknowledged only
// after the transaction that wrote it committed.
import type { GroupCommit } from './create-group-commit.js';

interface Pending<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupCommitTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PostgresGroupCommitOptions {
  /** At most this many items per transaction. Default 500. */
  readonly maxBatch?: number;
  /** Under load, a batch smaller than this waits for more items (never for more than were active). Default 16; 1 turns the wait off. */
  readonly minBatch?: number;
  /** The longest that wait lasts. Default 2 ms. */
  readonly maxWaitMs?: number;
  readonly timers?: GroupCommitTimers;
}

const systemTimers: GroupCommitTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** `writeBatch` resolves one result per item, in order, or rejects to reject the whole batch. */
export function createPostgresGroupCommit<T, R>(
  writeBatch: (items: readonly T[]) => Promise<R[]>,
  options: PostgresGroupCommitOptions = {},
): GroupCommit<T, R> {
  const { maxBatch = 500, minBatch = 16, maxWaitMs = 2, timers = systemTimers } = options;
  const pending: Pending<T, R>[] = [];
  let running: Promise<void> | null = null;
  let commits = 0;
  let itemsWritten = 0;
  // While a small batch waits: how many items end the wait early, and how to end it.
  let waiting: { readonly until: number; readonly done: () => void } | null = null;
  let flushing = 0;

  const writeOne = async (batch: Pending<T, R>[]): Promise<void> => {
    let results: R[];
    try {
      results = await writeBatch(batch.map((entry) => entry.item));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    commits += 1;
    itemsWritten += batch.length;
    batch.forEach((entry, index) => entry.resolve(results[index] as R));
  };

  const gather = (until: number): Promise<void> => {
    if (pending.length >= until || flushing > 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const handle = timers.setTimeout(() => done(), maxWaitMs);
      const done = () => {
        timers.clearTimeout(handle);
        waiting = null;
        resolve();
      };
      waiting = { until, done };
    });
  };

  const drain = async (): Promise<void> => {
    // setImmediate runs after the poll phase, so every request read in this phase joins the batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    let until = 0;
    for (;;) {
      if (until > pending.length) await gather(until);
      if (pending.length === 0) break;
      const batch = pending.splice(0, maxBatch);
      const leftOver = pending.length;
      await writeOne(batch);
      // The callers this batch answered and those that arrived meanwhile were active together: under
      // load they send again, so the next batch may wait for up to as many. What a burst left over
      // (more than maxBatch) is written without waiting, and a lone caller never waits.
      const active = batch.length + pending.length;
      until = leftOver === 0 && active > 1 ? Math.min(minBatch, active) : 0;
    }
    running = null;
  };

  const schedule = (): Promise<void> => {
    running ??= drain();
    return running;
  };

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (waiting && pending.length >= waiting.until) waiting.done();
        void schedule();
      });
    },
    async flush() {
      // Whoever flushes (close) wants everything written now, not after a wait for more.
      flushing += 1;
      waiting?.done();
      try {
        while (pending.length > 0 || running !== null) await schedule();
      } finally {
        flushing -= 1;
      }
    },
    get commits() { return commits; },
    get itemsWritten() { return itemsWritten; },
  };
}
