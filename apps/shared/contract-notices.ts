// The warnings the contract card shows: a contract that does not apply (its state) or one that
// expires soon. `today` is injected (YYYY-MM-DD) so the panel never reads the clock itself.
import type { ContractState } from '../../rules/model.js';
import type { ContractDetails } from './sidebar-data.js';

export const EXPIRY_WARNING_DAYS = 30;

export type ContractNotice =
  | { readonly kind: 'state'; readonly state: Exclude<ContractState, 'active'> }
  | { readonly kind: 'expires'; readonly days: number; readonly date: string };

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

export function contractNotices(contract: ContractDetails, today: string): ContractNotice[] {
  const notices: ContractNotice[] = [];
  if (contract.state !== 'active') notices.push({ kind: 'state', state: contract.state });
  if (contract.validUntil && contract.state !== 'expired') {
    const days = dayNumber(contract.validUntil) - dayNumber(today);
    if (days >= 0 && days <= EXPIRY_WARNING_DAYS) notices.push({ kind: 'expires', days, date: contract.validUntil });
  }
  return notices;
}
