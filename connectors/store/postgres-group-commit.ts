// Group commit for an asynchronous driver: the items submitted while no batch is being written form
// the next batch, and while one batch's transaction is in flight the next one gathers. So one store
// has at most one delivery transaction open; under load each commit carries many deliveries.
// (create-group-commit.ts is the synchronous twin used by SQLite.)
import type { GroupCommit } from './create-group-commit.js';

interface Pending<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/** `writeBatch` resolves one result per item, in order, or rejects to reject the whole batch. */
export function createPostgresGroupCommit<T, R>(writeBatch: (items: readonly T[]) => Promise<R[]>, maxBatch = 500): GroupCommit<T, R> {
  const pending: Pending<T, R>[] = [];
  let running: Promise<void> | null = null;
  let commits = 0;
  let itemsWritten = 0;

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

  const drain = async (): Promise<void> => {
    // setImmediate runs after the poll phase, so every request read in this phase joins the batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (pending.length > 0) await writeOne(pending.splice(0, maxBatch));
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
        void schedule();
      });
    },
    async flush() {
      while (pending.length > 0 || running !== null) await schedule();
    },
    get commits() { return commits; },
    get itemsWritten() { return itemsWritten; },
  };
}
