// The VAT a new proposal is priced with: the contract's own (a percentage, or reverse charge for a
// business customer abroad), else the config's proposals.vatPercent. A revision keeps the VAT of
// the version it revises (revise-proposal.ts), so this is read once per proposal number.
import type { CoverageConfig } from '../config/config-schema.js';

export interface ProposalVat {
  readonly vatPercent: number;
  /** VAT is the customer's to account for: 0 %, and the proposal says "BTW verlegd" / "VAT reverse-charged". */
  readonly reverseCharge: boolean;
}

export function contractVat(config: Pick<CoverageConfig, 'contracts' | 'proposals'>, contractId: string | null | undefined): ProposalVat {
  const contract = contractId ? config.contracts.find((c) => c.id === contractId) : undefined;
  if (contract?.reverseCharge === true) return { vatPercent: 0, reverseCharge: true };
  return { vatPercent: contract?.vatPercent ?? config.proposals.vatPercent, reverseCharge: false };
}
