import { describe, expect, it } from 'vitest';
import { createPostgresGroupCommit, type GroupCommitTimers } from '../../connectors/store/postgres-group-commit.js';

/** Timers that fire only when the test says so. */
function manualTimers(): GroupCommitTimers & { readonly armed: number[]; fire(): void } {
  const timers = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  return {
    setTimeout(run, ms) {
      timers.set(next, { run, ms });
      return next++;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    get armed() {
      return [...timers.values()].map((t) => t.ms);
    },
    fire() {
      const due = [...timers.values()];
      timers.clear();
      for (const t of due) t.run();
    },
  };
}

/** A writeBatch whose transactions commit only when the test says so. */
function heldWriter() {
  const batches: number[][] = [];
  const commits: (() => void)[] = [];
  const write = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<number[]>((resolve) => commits.push(() => resolve(items.map((n) => n * 10))));
  };
  return { write, batches, commitNext: () => commits.shift()!() };
}

// One turn of the event loop: the committer gathers a phase's submissions with setImmediate.
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  await turn();
  return done;
};

describe('createPostgresGroupCommit', () => {
  it('writes a batch that reaches an idle store at once, without waiting for more', async () => {
    const timers = manualTimers();
    const writer = heldWriter();
    const group = createPostgresGroupCommit(writer.write, { timers });
    const results = [1, 2, 3].map((n) => group.submit(n));
    await turn();
    expect(writer.batches).toEqual([[1, 2, 3]]);
    expect(timers.armed).toEqual([]);
    writer.commitNext();
    expect(await Promise.all(results)).toEqual([10, 20, 30]);
  });

  it('acknowledges an item only once the transaction that wrote it has committed', async () => {
    const writer = heldWriter();
    const group = createPostgresGroupCommit(writer.write, { timers: manualTimers() });
    const result = group.submit(7);
    await turn();
    expect(writer.batches).toEqual([[7]]);
    expect(await settled(result)).toBe(false);
    writer.commitNext();
    expect(await result).toBe(70);
  });

  it('under load, holds a small next batch until the callers just answered are back, then writes it at once', async () => {
    const timers = manualTimers();
    const writer = heldWriter();
    const group = createPostgresGroupCommit(writer.write, { timers, minBatch: 16, maxWaitMs: 2 });
    for (const n of [1, 2, 3, 4]) void group.submit(n);
    await turn();
    // Two arrive while the first transaction is in flight: the store is busy.
    for (const n of [5, 6]) void group.submit(n);
    writer.commitNext();
    await turn();
    expect(writer.batches).toEqual([[1, 2, 3, 4]]);
    expect(timers.armed).toEqual([2]);
    // Four were answered; as they come back the batch reaches the six that were active and goes.
    for (const n of [7, 8, 9]) void group.submit(n);
    await turn();
    expect(writer.batches).toHaveLength(1);
    void group.submit(10);
    await turn();
    expect(writer.batches).toEqual([[1, 2, 3, 4], [5, 6, 7, 8, 9, 10]]);
    expect(timers.armed).toEqual([]);
  });

  it('after a batch that answered every caller, waits for them to come back rather than writing the first alone', async () => {
    const timers = manualTimers();
    const writer = heldWriter();
    const group = createPostgresGroupCommit(writer.write, { timers, maxWaitMs: 2 });
    for (const n of [1, 2, 3]) void group.submit(n);
    await turn();
    writer.commitNext();
    await turn();
    expect(timers.armed).toEqual([2]);
    for (const n of [4, 5]) void group.submit(n);
    await turn();
    expect(writer.batches).toHaveLength(1);
    void group.submit(6);
    await turn();
    expect(writer.batches).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('never waits after a batch of one: a lone caller sees no added latency', async () => {
    const timers = manualTimers();
    const writer = heldWriter();
    const group = createPostgresGroupCommit(writer.write, { timers });
    void group.submit(1);
    await turn();
    writer.commitNext();
    await turn();
    // Idle again: nothing is held open for a caller that may never come back.
    expect(timers.armed).toEqual([]);
    void group.submit(2);
    await turn();
    expect(writer.batches).toEqual([[1], [2]]);
    expect(timers.armed).toEqual([]);
  });

  it('waits no longer than maxWaitMs when fewer come back', async () => {
    const timers = manualTimers();
    const writer = heldWriter();
    const group = createPostgresGroupCommit(writer.write, { timers, maxWaitMs: 2 });
    for (const n of [1, 2, 3]) void group.submit(n);
    await turn();
    const late = group.submit(4);
    writer.commitNext();
    await turn();
    expect(writer.batches).toHaveLength(1);
    timers.fire();
    await turn();
    expect(writer.batches).toEqual([[1, 2, 3], [4]]);
    writer.commitNext();
    expect(await late).toBe(40);
  });

  it('never waits for a batch that already has minBatch items', async () => {
    const timers = manualTimers();
    const writer = heldWriter();
    const group = createPostgresGroupCommit(writer.write, { timers, minBatch: 2 });
    for (const n of [1, 2, 3]) void group.submit(n);
    await turn();
    for (const n of [4, 5]) void group.submit(n);
    writer.commitNext();
    await turn();
    expect(writer.batches).toEqual([[1, 2, 3], [4, 5]]);
    expect(timers.armed).toEqual([]);
  });

  it('flush writes a waiting batch at once', async () => {
    const timers = manualTimers();
    const writer = heldWriter();
    const group = createPostgresGroupCommit(writer.write, { timers });
    for (const n of [1, 2, 3]) void group.submit(n);
    await turn();
    void group.submit(4);
    writer.commitNext();
    await turn();
    expect(timers.armed).toEqual([2]);
    const flushed = group.flush();
    await turn();
    expect(writer.batches).toEqual([[1, 2, 3], [4]]);
    expect(timers.armed).toEqual([]);
    writer.commitNext();
    await flushed;
    expect([group.commits, group.itemsWritten]).toEqual([2, 4]);
  });

  it('splits a burst into batches of at most maxBatch and rejects every item of a batch whose transaction fails', async () => {
    let calls = 0;
    const batches: string[][] = [];
    const group = createPostgresGroupCommit(async (items: readonly string[]) => {
      calls += 1;
      batches.push([...items]);
      if (calls === 1) throw new Error('connection reset');
      return items.map((s) => s.toUpperCase());
    }, { maxBatch: 2, timers: manualTimers() });
    const results = await Promise.allSettled(['a', 'b', 'c'].map((s) => group.submit(s)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual(['rejected', 'rejected', 'C']);
    expect(batches).toEqual([['a', 'b'], ['c']]);
    expect([group.commits, group.itemsWritten]).toEqual([1, 1]);
  });
});
