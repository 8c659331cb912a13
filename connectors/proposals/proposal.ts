// The proposal document as InScope stores, renders and sends it: a self-contained snapshot, so that
// a sent proposal reads the same later even when the config (rates, vendor, terms) has changed.
import type { HourEstimate, Locale, Localized } from '../../rules/index.js';

export type ProposalStatus = 'draft' | 'sent' | 'accepted' | 'declined' | 'expired' | 'superseded';

/** An integer amount in the currency's minor unit (cents for EUR, GBP and USD). Never a float. */
export type MinorUnits = number;

export interface ProposalLine {
  readonly description: string;
  /** Hours, at most two decimals (quarter hours are 0.25). */
  readonly hours: number;
  /** Hourly rate in minor units. */
  readonly rate: MinorUnits;
  /** hours × rate, rounded half up to a whole minor unit. */
  readonly amount: MinorUnits;
}

export interface ProposalVendor {
  readonly name: string;
  readonly email?: string;
  readonly vatNumber?: string;
}

export interface ProposalContact {
  readonly name?: string;
  readonly email?: string;
  readonly locale: Locale;
}

export interface Proposal {
  /** `P-2026-0042`: unique per vendor and year; every version of a proposal keeps its number. */
  readonly number: string;
  /** 1 for the first estimate; a revision is version + 1 and supersedes the one before. */
  readonly version: number;
  readonly status: ProposalStatus;
  readonly helpdesk: 'zendesk' | 'jira';
  readonly ticket: { readonly id: string; readonly subject: string; readonly url?: string };
  readonly organization: { readonly id?: string; readonly name: string };
  readonly contact: ProposalContact;
  readonly vendor: ProposalVendor;
  readonly contractId: string | null;
  /** Why the request is not covered: the deciding rule's reason. */
  readonly reason: Localized;
  readonly scope: string;
  readonly lines: readonly ProposalLine[];
  readonly subtotal: MinorUnits;
  /** The contract's VAT, else proposals.vatPercent; 0 under reverse charge. A revision keeps it. */
  readonly vatPercent: number;
  /**
   * VAT reverse-charged (a business customer abroad): the VAT line reads "BTW verlegd" / "VAT
   * reverse-charged". Absent on proposals stored before contracts could say so: not reverse-charged.
   */
  readonly reverseCharge?: boolean;
  readonly vat: MinorUnits;
  readonly total: MinorUnits;
  /** ISO 4217 code, e.g. EUR. */
  readonly currency: string;
  /** Last day the proposal can be accepted, inclusive, `YYYY-MM-DD` in `timeZone`. */
  readonly validUntil: string;
  /** IANA time zone of `validUntil`: the contract's, else the vendor default. */
  readonly timeZone: string;
  /** ISO 8601 instant this version was made. */
  readonly createdAt: string;
  readonly terms: string;
  /**
   * What the hours are based on when a model's hour estimator made them (similar past requests, or
   * the rule's estimate for want of them); absent when the agent set the hours or there is no estimator.
   */
  readonly estimate?: HourEstimate;
  readonly acceptUrl?: string;
  readonly declineUrl?: string;
}
