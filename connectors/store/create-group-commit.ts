// Group commit: items submitted in the same turn of the event loop are written by one call of
// `writeBatch` (one transaction, one fsync), and every promise settles only after that call returns.
// With a synchronous driver the fsync blocks the loop, so requests that arrive meanwhile queue up in
// the socket buffers and form the next, larger batch: throughput grows with load by itself.

export interface GroupCommit<T, R> {
  submit(item: T): Promise<R>;
  /** Resolves once everything submitted so far has been written (or rejected). */
  flush(): Promise<void>;
  readonly commits: number;
  readonly itemsWritten: number;
}

interface Pending<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * `writeBatch` must return one result per item, in order, or throw to reject the whole batch.
 * `maxBatch` bounds how long one transaction may block the event loop during a burst.
 */
export function createGroupCommit<T, R>(writeBatch: (items: readonly T[]) => R[], maxBatch = 500): GroupCommit<T, R> {
  const pending: Pending<T, R>[] = [];
  let scheduled: Promise<void> | null = null;
  let commits = 0;
  let itemsWritten = 0;

  const write = (): void => {
    const batch = pending.splice(0, maxBatch);
    scheduled = null;
    if (pending.length > 0) void schedule();
    if (batch.length === 0) return;
    let results: R[];
    try {
      results = writeBatch(batch.map((entry) => entry.item));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    commits += 1;
    itemsWritten += batch.length;
    batch.forEach((entry, index) => entry.resolve(results[index] as R));
  };

  const schedule = (): Promise<void> => {
    // setImmediate runs after the poll phase, so every request read in this phase joins the batch.
    scheduled ??= new Promise<void>((resolve) => setImmediate(() => { write(); resolve(); }));
    return scheduled;
  };

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        void schedule();
      });
    },
    async flush() {
      while (pending.length > 0 || scheduled !== null) await schedule();
    },
    get commits() { return commits; },
    get itemsWritten() { return itemsWritten; },
  };
}
