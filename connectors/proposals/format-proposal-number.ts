// Proposal numbers: `P-<year>-<sequence>`, the sequence zero-padded to at least four digits and
// counted per vendor and calendar year (the store owns the counter; this only spells it).
export function formatProposalNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`expected a four-digit year, got ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`expected a sequence number of 1 or more, got ${sequence}`);
  return `P-${year}-${String(sequence).padStart(4, '0')}`;
}

/** The year and sequence of a proposal number, or null when the text is not one. */
export function parseProposalNumber(text: string): { year: number; sequence: number } | null {
  const match = /^P-(\d{4})-(\d{4,})$/.exec(text.trim());
  if (!match) return null;
  const sequence = Number(match[2]);
  return sequence >= 1 && Number.isSafeInteger(sequence) ? { year: Number(match[1]), sequence } : null;
}
