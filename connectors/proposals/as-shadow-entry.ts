// Shadow mode sends nothing, so its month would read as empty: a draft whose PDF shadow mode wrote
// is what would have gone out, and counts as committed in the ledger and the budget report.
import type { ProposalRecord } from '../store/proposal-store.js';

/** The record as the shadow ledger counts it, or null for a draft that would not have gone out (held). */
export function asShadowEntry(record: ProposalRecord): ProposalRecord | null {
  if (record.status !== 'draft') return record;
  return record.pdfPath === null ? null : { ...record, status: 'accepted' };
}
