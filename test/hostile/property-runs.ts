// Shared fast-check settings for the hostile-input suite: one fixed seed so that a failure replays
// exactly (INSCOPE_FC_SEED overrides it to explore), and bounded run counts so the whole folder
// stays well under a minute on two cores.
export const SEED = Number(process.env['INSCOPE_FC_SEED'] ?? 20261127);

export function runs(numRuns: number): { readonly seed: number; readonly numRuns: number } {
  return { seed: SEED, numRuns };
}

/** XORs one byte of a copy of `bytes`; `mask` is 1..255, so the byte always changes. */
export function flipByte(bytes: Buffer, index: number, mask: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index % copy.length]! ^= mask;
  return copy;
}

/** XORs one UTF-16 code unit of `text` (kept within 0..0x7f for ASCII text), so it always changes. */
export function flipChar(text: string, index: number, mask: number): string {
  const at = index % text.length;
  return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ mask) + text.slice(at + 1);
}
