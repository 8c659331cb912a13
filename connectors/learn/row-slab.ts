// Rows of feature numbers for 100,000 tickets without 100,000 buffers: each row is a view into a
// large shared block, and a full block is left as it is (never copied), so every view stays valid.
// A row of its own costs a small ArrayBuffer and its bookkeeping besides the numbers; in blocks a
// history's rows cost little more than the numbers themselves.

/** Numbers per block: 4 MB, so the unused tail of the last block is small beside the rows. */
const BLOCK = 1 << 20;

export function createRowSlab(): { store(values: ArrayLike<number>, length?: number): Int32Array } {
  let block = new Int32Array(0);
  let used = 0;
  return {
    /** A copy of `values` (its first `length`) as a view into the current block. */
    store(values, length = values.length) {
      if (used + length > block.length) {
        block = new Int32Array(Math.max(BLOCK, length));
        used = 0;
      }
      const row = block.subarray(used, used + length);
      for (let i = 0; i < length; i++) row[i] = values[i] as number;
      used += length;
      return row;
    },
  };
}
