// The budget ledger for one contract and month: the cap from the contract, what is committed
// (accepted proposals) and pending (sent, not yet decided), and what a new proposal would add.
// Pure and integer: money in minor units, hours in hundredths; figures for people are converted
// at the end (the sidebar's meter reads major units or hours).
import { toDecimalString, toMinorUnits } from './minor-units.js';

export type BudgetPolicy = 'warn' | 'require-confirmation' | 'block';

export interface LedgerEntry {
  readonly status: string;
  /** Hours × 100. */
  readonly hundredthHours: number;
  /** Amount before VAT, minor units: the budget counts work, not tax. */
  readonly subtotal: number;
}

export interface ComputeBudgetInput {
  readonly month: string;
  readonly cap: { readonly hours?: number; readonly amount?: number };
  readonly currency: string;
  /** The contract's proposals counted in the month (any status; only sent and accepted count). */
  readonly entries: readonly LedgerEntry[];
  /** Hours logged on the organization's tickets this month, where the helpdesk provides them. */
  readonly loggedHours?: number | null;
  /** The proposal about to be sent, if any. */
  readonly proposal?: Pick<LedgerEntry, 'hundredthHours' | 'subtotal'> | null;
  readonly policy: BudgetPolicy;
  readonly thresholds: readonly number[];
}

export interface BudgetSummary {
  readonly month: string;
  readonly cap: { readonly hours?: number; readonly amount?: number };
  /** What committed, pending and afterThisProposal are measured in: the amount when the cap has one. */
  readonly unit: 'amount' | 'hours';
  readonly committed: number;
  readonly pending: number;
  readonly currency: string;
  /** committed + pending + this proposal, in `unit`; null without a proposal. */
  readonly afterThisProposal: number | null;
  readonly hours: { readonly committed: number; readonly pending: number; readonly logged: number | null };
  readonly amount: { readonly committed: number; readonly pending: number };
  /** Use of the cap before and after this proposal, in percent of the tighter cap. */
  readonly usedPercent: number;
  readonly afterPercent: number | null;
  /** True when this proposal takes the organization over a cap (hours or amount). */
  readonly overCap: boolean;
  /** Thresholds this proposal crosses (before < t ≤ after). */
  readonly crossed: readonly number[];
  readonly policy: BudgetPolicy;
  /** Shadow mode: `committed` counts the proposals shadow mode made as if they had been accepted. */
  readonly shadow?: true;
}

const major = (minor: number, currency: string) => Number(toDecimalString(minor, currency));

export function computeBudget(input: ComputeBudgetInput): BudgetSummary {
  const sum = (status: string, key: keyof Omit<LedgerEntry, 'status'>) =>
    input.entries.filter((e) => e.status === status).reduce((total, e) => total + e[key], 0);
  const committed = { hours: sum('accepted', 'hundredthHours'), amount: sum('accepted', 'subtotal') };
  const pending = { hours: sum('sent', 'hundredthHours'), amount: sum('sent', 'subtotal') };
  const extra = input.proposal ?? null;
  const capAmount = input.cap.amount === undefined ? undefined : toMinorUnits(input.cap.amount, input.currency, 'monthly budget');
  const capHours = input.cap.hours === undefined ? undefined : Math.round(input.cap.hours * 100);

  // Percent of the tighter cap, so a contract with both caps warns on whichever fills first.
  const percent = (hours: number, amount: number) => Math.max(
    capHours ? (hours / capHours) * 100 : 0,
    capAmount ? (amount / capAmount) * 100 : 0,
  );
  const usedPercent = percent(committed.hours + pending.hours, committed.amount + pending.amount);
  const afterHours = committed.hours + pending.hours + (extra?.hundredthHours ?? 0);
  const afterAmount = committed.amount + pending.amount + (extra?.subtotal ?? 0);
  const afterPercent = extra ? percent(afterHours, afterAmount) : null;
  const overCap = extra !== null && ((capHours !== undefined && afterHours > capHours) || (capAmount !== undefined && afterAmount > capAmount));
  const crossed = afterPercent === null ? [] : input.thresholds.filter((t) => usedPercent < t && afterPercent >= t);

  const unit = capAmount !== undefined ? 'amount' : 'hours';
  const inUnit = (hours: number, amount: number) => (unit === 'amount' ? major(amount, input.currency) : hours / 100);
  return {
    month: input.month,
    cap: input.cap,
    unit,
    committed: inUnit(committed.hours, committed.amount),
    pending: inUnit(pending.hours, pending.amount),
    currency: input.currency,
    afterThisProposal: extra ? inUnit(afterHours, afterAmount) : null,
    hours: { committed: committed.hours / 100, pending: pending.hours / 100, logged: input.loggedHours ?? null },
    amount: { committed: major(committed.amount, input.currency), pending: major(pending.amount, input.currency) },
    usedPercent: Math.round(usedPercent * 10) / 10,
    afterPercent: afterPercent === null ? null : Math.round(afterPercent * 10) / 10,
    overCap,
    crossed,
    policy: input.policy,
  };
}
