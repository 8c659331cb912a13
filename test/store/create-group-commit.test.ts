import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../connectors/store/create-group-commit.js';

describe('createGroupCommit', () => {
  it('splits a burst into batches of at most maxBatch items and answers each item with its own result', async () => {
    const batches: number[][] = [];
    const group = createGroupCommit((items: readonly number[]) => {
      batches.push([...items]);
      return items.map((n) => n * 10);
    }, 4);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => group.submit(i)));
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(batches).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect([group.commits, group.itemsWritten]).toEqual([3, 10]);
  });

  it('rejects every item of a batch whose write throws and keeps writing later batches', async () => {
    let calls = 0;
    const group = createGroupCommit((items: readonly string[]) => {
      calls += 1;
      if (calls === 1) throw new Error('disk full');
      return items.map((s) => s.toUpperCase());
    });
    const failed = await Promise.allSettled([group.submit('a'), group.submit('b')]);
    expect(failed.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(await group.submit('c')).toBe('C');
    expect(group.commits).toBe(1);
  });

  it('flushes only after everything submitted so far is written', async () => {
    const written: number[] = [];
    const group = createGroupCommit((items: readonly number[]) => { written.push(...items); return [...items]; }, 2);
    for (let i = 0; i < 5; i += 1) void group.submit(i);
    await group.flush();
    expect(written).toEqual([0, 1, 2, 3, 4]);
    await group.flush();
  });
});
