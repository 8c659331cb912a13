// Row ↔ record mapping for the proposals table, shared by the SQLite and PostgreSQL stores, and the
// schema of migrations 2, 3 and 4 (the DDL differs between the backends in types only).
import type { Proposal, ProposalStatus } from '../proposals/proposal.js';
import type { ProposalActualRow, ProposalContent, ProposalRecord } from './proposal-store.js';
import type { HelpdeskKind } from './store.js';

export interface ProposalRow {
  id: number;
  helpdesk: HelpdeskKind;
  account_id: string;
  ticket_id: string;
  vendor: string;
  number: string;
  version: number;
  status: ProposalStatus;
  organization_id: string | null;
  contract_id: string | null;
  currency: string;
  hundredth_hours: number;
  subtotal: number;
  total: number;
  valid_until: string;
  time_zone: string;
  budget_month: string;
  token_hash: string | null;
  decision_key: string | null;
  document: string;
  pdf_path: string | null;
  created_at: number;
  sent_at: number | null;
  decided_at: number | null;
  decided_ip: string | null;
  decided_by: string | null;
  updated_at: number;
  request_kind: string | null;
  logged_seconds: number | null;
  logged_at: number | null;
}

export function toProposalRecord(row: ProposalRow): ProposalRecord {
  return {
    id: row.id,
    helpdesk: row.helpdesk,
    accountId: row.account_id,
    ticketId: row.ticket_id,
    vendor: row.vendor,
    number: row.number,
    version: row.version,
    status: row.status,
    organizationId: row.organization_id,
    contractId: row.contract_id,
    currency: row.currency,
    hundredthHours: row.hundredth_hours,
    subtotal: row.subtotal,
    total: row.total,
    validUntil: row.valid_until,
    timeZone: row.time_zone,
    budgetMonth: row.budget_month,
    tokenHash: row.token_hash,
    decisionKey: row.decision_key,
    document: JSON.parse(row.document) as Proposal,
    pdfPath: row.pdf_path,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    decidedAt: row.decided_at,
    decidedIp: row.decided_ip,
    decidedBy: row.decided_by,
    updatedAt: row.updated_at,
    // Rows made before migration 4 have no kind and, until the ticket is read again, no actual.
    requestKind: row.request_kind ?? null,
    loggedSeconds: row.logged_seconds ?? null,
    loggedAt: row.logged_at ?? null,
  };
}

/** The column values of a new proposal row, in INSERT order (see PROPOSAL_INSERT_COLUMNS). */
export function proposalInsertValues(
  input: { helpdesk: HelpdeskKind; accountId: string; ticketId: string; vendor: string; decisionKey: string | null; budgetMonth: string; createdAt: number; requestKind?: string | null },
  content: ProposalContent,
): unknown[] {
  const d = content.document;
  const hundredths = Math.round(d.lines.reduce((sum, line) => sum + line.hours * 100, 0));
  return [
    input.helpdesk, input.accountId, input.ticketId, input.vendor, d.number, d.version, d.status,
    d.organization.id ?? null, d.contractId, d.currency, hundredths, d.subtotal, d.total, d.validUntil, d.timeZone,
    input.budgetMonth, content.tokenHash, input.decisionKey, JSON.stringify(d), input.createdAt, input.createdAt,
    input.requestKind ?? null,
  ];
}

export const PROPOSAL_INSERT_COLUMNS = [
  'helpdesk', 'account_id', 'ticket_id', 'vendor', 'number', 'version', 'status',
  'organization_id', 'contract_id', 'currency', 'hundredth_hours', 'subtotal', 'total', 'valid_until', 'time_zone',
  'budget_month', 'token_hash', 'decision_key', 'document', 'created_at', 'updated_at', 'request_kind',
] as const;

/** Migration 2's DDL; `id` and `epoch` are the backend's identity and epoch-ms column types. */
export function proposalsMigrationSql(id: string, epoch: string): string {
  return `
    CREATE TABLE proposal_sequences (
      vendor TEXT NOT NULL,
      year INTEGER NOT NULL,
      last_sequence INTEGER NOT NULL,
      PRIMARY KEY (vendor, year)
    );

    CREATE TABLE proposals (
      id ${id},
      helpdesk TEXT NOT NULL CHECK (helpdesk IN ('zendesk', 'jira')),
      account_id TEXT NOT NULL,
      ticket_id TEXT NOT NULL,
      vendor TEXT NOT NULL,
      number TEXT NOT NULL,
      version INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'expired', 'superseded')),
      organization_id TEXT,
      contract_id TEXT,
      currency TEXT NOT NULL,
      hundredth_hours INTEGER NOT NULL,
      subtotal ${epoch} NOT NULL,
      total ${epoch} NOT NULL,
      valid_until TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      budget_month TEXT NOT NULL,
      token_hash TEXT,
      decision_key TEXT,
      document TEXT NOT NULL,
      pdf_path TEXT,
      created_at ${epoch} NOT NULL,
      sent_at ${epoch},
      decided_at ${epoch},
      decided_ip TEXT,
      decided_by TEXT,
      updated_at ${epoch} NOT NULL,
      UNIQUE (vendor, number, version)
    );
    -- One proposal per decision: a retried job finds the one it made before.
    CREATE UNIQUE INDEX proposals_one_per_decision ON proposals (helpdesk, account_id, ticket_id, decision_key);
    CREATE INDEX proposals_by_ticket ON proposals (helpdesk, account_id, ticket_id, id);
    CREATE INDEX proposals_by_budget ON proposals (contract_id, budget_month, status);
    CREATE INDEX proposals_by_status ON proposals (status, valid_until);
  `;
}

/** Migration 3's DDL: logged time per ticket and month, and each ticket's last reported total. */
export function loggedTimeMigrationSql(epoch: string): string {
  return `
    CREATE TABLE logged_time (
      helpdesk TEXT NOT NULL,
      account_id TEXT NOT NULL,
      ticket_id TEXT NOT NULL,
      contract_id TEXT NOT NULL,
      budget_month TEXT NOT NULL,
      seconds ${epoch} NOT NULL,
      updated_at ${epoch} NOT NULL,
      PRIMARY KEY (helpdesk, account_id, ticket_id, budget_month)
    );
    CREATE INDEX logged_time_by_contract ON logged_time (contract_id, budget_month);
    CREATE TABLE logged_time_totals (
      helpdesk TEXT NOT NULL,
      account_id TEXT NOT NULL,
      ticket_id TEXT NOT NULL,
      total_seconds ${epoch} NOT NULL,
      updated_at ${epoch} NOT NULL,
      PRIMARY KEY (helpdesk, account_id, ticket_id)
    );
  `;
}

/**
 * Migration 4's DDL: what each proposal was for (the request kind the verdict read) and what it
 * took (the ticket's logged seconds, last read), so that quoted and actual hours sit on one row.
 * Added columns are nullable: proposals made before it have neither, and nothing is guessed.
 */
export function proposalActualsMigrationSql(epoch: string): string {
  return `
    ALTER TABLE proposals ADD COLUMN request_kind TEXT;
    ALTER TABLE proposals ADD COLUMN logged_seconds ${epoch};
    ALTER TABLE proposals ADD COLUMN logged_at ${epoch};
  `;
}

/** The columns quoted versus actual reads; `organization_name` comes out of the document in SQL. */
export interface ProposalActualColumns {
  organization_id: string | null;
  contract_id: string | null;
  organization_name: string | null;
  request_kind: string | null;
  budget_month: string;
  hundredth_hours: number;
  logged_seconds: number | null;
}

export function toProposalActualRow(row: ProposalActualColumns): ProposalActualRow {
  return {
    organizationId: row.organization_id, contractId: row.contract_id, organizationName: row.organization_name, requestKind: row.request_kind,
    budgetMonth: row.budget_month, hundredthHours: Number(row.hundredth_hours), loggedSeconds: row.logged_seconds === null ? null : Number(row.logged_seconds),
  };
}
