// The proposal part of the Store port: numbered, versioned proposals with their status, and the rows
// the budget ledger sums. Numbers come from a per-vendor, per-year sequence row that is incremented
// in the same transaction that inserts the proposal, so two instances never hand out one number.
//
// Semantics every implementation keeps (test/proposals/flow/proposal-store.test.ts checks them):
// - createProposal with a decisionKey already stored for the ticket returns that proposal
//   (created: false) and allocates nothing: a retried job never makes a second number.
// - createProposal with `revises` marks that version superseded and inserts version + 1 under the
//   same number, in one transaction; it throws when the old version is not draft or sent.
// - transitionProposal is a conditional update (WHERE status IN from): of two racing acceptances
//   exactly one returns the row, the other null.
// - recordProposalActual writes the ticket's logged time on its newest accepted proposal only when
//   the figure changes: reading the same total again writes nothing and returns null.
import type { Proposal, ProposalStatus } from '../proposals/proposal.js';
import type { HelpdeskKind } from './helpdesk-kind.js';

export interface NewProposalInput {
  readonly helpdesk: HelpdeskKind;
  readonly accountId: string;
  readonly ticketId: string;
  /** The vendor the numbers count for (config vendor.name). */
  readonly vendor: string;
  /** The numbering year (proposalYear in the vendor's time zone). */
  readonly year: number;
  /** Idempotence key: one proposal per (ticket, key); null for proposals made by people. */
  readonly decisionKey: string | null;
  /** Budget month `YYYY-MM` in the contract's time zone. */
  readonly budgetMonth: string;
  readonly createdAt: number;
  /** Id of the version this one replaces (same number, version + 1). */
  readonly revises?: number;
  /** The request kind the verdict read (defect, how-to, …), for quoted versus actual per kind. */
  readonly requestKind?: string | null;
}

/** What the caller builds once the number is known (inside the transaction: must be synchronous). */
export interface ProposalContent {
  readonly document: Proposal;
  /** sha256 hex of the acceptance token; the token itself is never stored. */
  readonly tokenHash: string | null;
}

export interface ProposalRecord {
  readonly id: number;
  readonly helpdesk: HelpdeskKind;
  readonly accountId: string;
  readonly ticketId: string;
  readonly vendor: string;
  readonly number: string;
  readonly version: number;
  readonly status: ProposalStatus;
  readonly organizationId: string | null;
  readonly contractId: string | null;
  readonly currency: string;
  /** Hours in hundredths (2.5 h → 250): integer, like the money. */
  readonly hundredthHours: number;
  readonly subtotal: number;
  readonly total: number;
  readonly validUntil: string;
  readonly timeZone: string;
  readonly budgetMonth: string;
  readonly tokenHash: string | null;
  readonly decisionKey: string | null;
  /** The document as sent; its status field is the one at creation, `status` above is current. */
  readonly document: Proposal;
  readonly pdfPath: string | null;
  readonly createdAt: number;
  readonly sentAt: number | null;
  readonly decidedAt: number | null;
  readonly decidedIp: string | null;
  readonly decidedBy: string | null;
  readonly updatedAt: number;
  /** The request kind when the proposal was made; null before migration 4 and for kindless verdicts. */
  readonly requestKind: string | null;
  /** The actual: seconds logged on the ticket for this proposal's work, as last read; null until read. */
  readonly loggedSeconds: number | null;
  /** When `loggedSeconds` last changed (epoch ms). */
  readonly loggedAt: number | null;
}

export interface CreatedProposal {
  readonly proposal: ProposalRecord;
  /** False when the decisionKey was already stored (nothing new was written). */
  readonly created: boolean;
  /** The superseded version, when `revises` was given. */
  readonly superseded?: ProposalRecord;
}

export interface ProposalTransition {
  readonly from: readonly ProposalStatus[];
  readonly to: ProposalStatus;
  readonly at: number;
  readonly ip?: string;
  readonly actor?: string;
  readonly pdfPath?: string;
  /** Committed work counts in the month it was accepted. */
  readonly budgetMonth?: string;
}

export interface ListProposalsFilter {
  readonly helpdesk?: HelpdeskKind;
  readonly accountId?: string;
  readonly ticketId?: string;
  readonly contractId?: string;
  readonly organizationId?: string;
  readonly budgetMonth?: string;
  readonly statuses?: readonly ProposalStatus[];
  /** Only proposals decided (accepted, declined, expired) at or after this epoch ms. */
  readonly decidedSince?: number;
  readonly limit: number;
}

/** A ticket's cumulative time spent as the helpdesk reports it (Zendesk time tracking: seconds). */
export interface LoggedTimeInput {
  readonly helpdesk: HelpdeskKind;
  readonly accountId: string;
  readonly ticketId: string;
  readonly contractId: string;
  /** The month the growth since the last observation counts in. */
  readonly budgetMonth: string;
  readonly totalSeconds: number;
  readonly at: number;
}

/** A ticket's cumulative time spent as read now, for the actual of its accepted proposal. */
export interface ProposalActualInput {
  readonly helpdesk: HelpdeskKind;
  readonly accountId: string;
  readonly ticketId: string;
  readonly totalSeconds: number;
  readonly at: number;
}

/** One accepted proposal as quoted versus actual reads it: the figures, not the document. */
export interface ProposalActualRow {
  readonly organizationId: string | null;
  readonly contractId: string | null;
  /** The organization's name on the proposal document. */
  readonly organizationName: string | null;
  readonly requestKind: string | null;
  /** The month it was accepted, `YYYY-MM` in its contract's time zone. */
  readonly budgetMonth: string;
  readonly hundredthHours: number;
  readonly loggedSeconds: number | null;
}

export interface ProposalStore {
  /**
   * Books the growth of a ticket's total time spent since the last observation in `budgetMonth`;
   * a total that went down (someone corrected it) books nothing and becomes the new baseline.
   */
  recordLoggedTime(input: LoggedTimeInput): Promise<void>;
  /** Seconds booked for the contract in the month. */
  loggedSeconds(contractId: string, budgetMonth: string): Promise<number>;
  /**
   * Sets the actual of the ticket's newest accepted proposal: the ticket's total minus what its
   * earlier accepted proposals already hold (so work is never counted twice), never below 0. A
   * total corrected downwards lowers it: this is the figure as it stands, not a ledger of growth.
   * Returns the updated proposal, or null when there is none or the figure was already that.
   */
  recordProposalActual(input: ProposalActualInput): Promise<ProposalRecord | null>;
  /** The accepted proposals whose budget month is from `from` to `to` (inclusive), for quoted versus actual. */
  listProposalActuals(span: { readonly from: string; readonly to: string }): Promise<ProposalActualRow[]>;
  createProposal(input: NewProposalInput, build: (number: { year: number; sequence: number; version: number }) => ProposalContent): Promise<CreatedProposal>;
  getProposal(id: number): Promise<ProposalRecord | null>;
  findProposal(vendor: string, number: string, version: number): Promise<ProposalRecord | null>;
  /** Newest first. */
  listProposals(filter: ListProposalsFilter): Promise<ProposalRecord[]>;
  /** The updated row, or null when the proposal was not in one of `from` (someone else moved it). */
  transitionProposal(id: number, transition: ProposalTransition): Promise<ProposalRecord | null>;
}
