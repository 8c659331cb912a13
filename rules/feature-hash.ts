// A feature's number in the hour estimator (hour-estimator.ts): 32-bit FNV-1a over the UTF-16 code
// units of the feature, modulo 2^bits. Training and lookup must agree on it exactly, so it lives
// here once; a stored model needs no vocabulary, and a rare collision only makes two words alike.
const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

export function featureHash(feature: string, bits: number): number {
  let h = OFFSET;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, PRIME);
  }
  return (h >>> 0) % 2 ** bits;
}
