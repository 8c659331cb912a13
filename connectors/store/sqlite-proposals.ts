// Proposals on SQLite (see proposal-store.ts for the semantics). Each write is one IMMEDIATE
// transaction, so the sequence increment and the insert that uses it commit together.
import type Database from 'better-sqlite3';
import { PROPOSAL_INSERT_COLUMNS, proposalInsertValues, toProposalActualRow, toProposalRecord, type ProposalActualColumns, type ProposalRow } from './proposal-rows.js';
import type { CreatedProposal, ListProposalsFilter, LoggedTimeInput, NewProposalInput, ProposalActualInput, ProposalContent, ProposalRecord, ProposalStore, ProposalTransition } from './proposal-store.js';
import { proposalActualOf } from './proposal-actual-of.js';

export function createSqliteProposals(db: Database.Database): ProposalStore {
  const byDecision = db.prepare<[string, string, string, string], ProposalRow>(
    'SELECT * FROM proposals WHERE helpdesk = ? AND account_id = ? AND ticket_id = ? AND decision_key = ?');
  const byId = db.prepare<[number], ProposalRow>('SELECT * FROM proposals WHERE id = ?');
  const byNumber = db.prepare<[string, string, number], ProposalRow>('SELECT * FROM proposals WHERE vendor = ? AND number = ? AND version = ?');
  const nextSequence = db.prepare<[string, number], { last_sequence: number }>(`
    INSERT INTO proposal_sequences (vendor, year, last_sequence) VALUES (?, ?, 1)
    ON CONFLICT (vendor, year) DO UPDATE SET last_sequence = last_sequence + 1
    RETURNING last_sequence`);
  const insert = db.prepare<unknown[], ProposalRow>(
    `INSERT INTO proposals (${PROPOSAL_INSERT_COLUMNS.join(', ')}) VALUES (${PROPOSAL_INSERT_COLUMNS.map(() => '?').join(', ')}) RETURNING *`);
  const supersede = db.prepare<[number, number], ProposalRow>(
    `UPDATE proposals SET status = 'superseded', updated_at = ? WHERE id = ? AND status IN ('draft', 'sent') RETURNING *`);

  const create = db.transaction((input: NewProposalInput, build: (n: { year: number; sequence: number; version: number }) => ProposalContent): CreatedProposal => {
    if (input.decisionKey !== null) {
      const existing = byDecision.get(input.helpdesk, input.accountId, input.ticketId, input.decisionKey);
      if (existing) return { proposal: toProposalRecord(existing), created: false };
    }
    let superseded: ProposalRecord | undefined;
    let numbering: { year: number; sequence: number; version: number };
    if (input.revises !== undefined) {
      const row = supersede.get(input.createdAt, input.revises);
      if (!row) throw new Error(`proposal ${input.revises} is not open (draft or sent) and cannot be revised`);
      superseded = toProposalRecord(row);
      const [, year, sequence] = /^P-(\d{4})-(\d+)$/.exec(row.number) ?? [];
      numbering = { year: Number(year), sequence: Number(sequence), version: row.version + 1 };
    } else {
      const seq = nextSequence.get(input.vendor, input.year);
      numbering = { year: input.year, sequence: seq!.last_sequence, version: 1 };
    }
    const row = insert.get(...proposalInsertValues(input, build(numbering)));
    return { proposal: toProposalRecord(row!), created: true, ...(superseded ? { superseded } : {}) };
  });

  const lastTotal = db.prepare<[string, string, string], { total_seconds: number }>(
    'SELECT total_seconds FROM logged_time_totals WHERE helpdesk = ? AND account_id = ? AND ticket_id = ?');
  const putTotal = db.prepare<[string, string, string, number, number]>(`
    INSERT INTO logged_time_totals (helpdesk, account_id, ticket_id, total_seconds, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (helpdesk, account_id, ticket_id) DO UPDATE SET total_seconds = excluded.total_seconds, updated_at = excluded.updated_at`);
  const book = db.prepare<[string, string, string, string, string, number, number]>(`
    INSERT INTO logged_time (helpdesk, account_id, ticket_id, contract_id, budget_month, seconds, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (helpdesk, account_id, ticket_id, budget_month) DO UPDATE SET seconds = logged_time.seconds + excluded.seconds, updated_at = excluded.updated_at`);
  const sumLogged = db.prepare<[string, string], { seconds: number | null }>('SELECT SUM(seconds) AS seconds FROM logged_time WHERE contract_id = ? AND budget_month = ?');
  const recordLogged = db.transaction((t: LoggedTimeInput) => {
    const previous = lastTotal.get(t.helpdesk, t.accountId, t.ticketId)?.total_seconds ?? 0;
    const growth = t.totalSeconds - previous;
    if (growth > 0) book.run(t.helpdesk, t.accountId, t.ticketId, t.contractId, t.budgetMonth, growth, t.at);
    if (growth !== 0) putTotal.run(t.helpdesk, t.accountId, t.ticketId, t.totalSeconds, t.at);
  });

  const acceptedOfTicket = db.prepare<[string, string, string], ProposalRow>(
    `SELECT * FROM proposals WHERE helpdesk = ? AND account_id = ? AND ticket_id = ? AND status = 'accepted' ORDER BY id DESC`);
  const setActual = db.prepare<[number, number, number], ProposalRow>(
    `UPDATE proposals SET logged_seconds = ?, logged_at = ? WHERE id = ? AND status = 'accepted' RETURNING *`);
  const recordActual = db.transaction((t: ProposalActualInput): ProposalRecord | null => {
    const next = proposalActualOf(acceptedOfTicket.all(t.helpdesk, t.accountId, t.ticketId), t.totalSeconds);
    if (next === null) return null;
    const row = setActual.get(next.seconds, t.at, next.id);
    return row ? toProposalRecord(row) : null;
  });

  const actuals = db.prepare<[string, string], ProposalActualColumns>(`
    SELECT organization_id, contract_id, json_extract(document, '$.organization.name') AS organization_name, request_kind, budget_month, hundredth_hours, logged_seconds
    FROM proposals WHERE status = 'accepted' AND budget_month BETWEEN ? AND ?`);

  return {
    async recordLoggedTime(input) { recordLogged.immediate(input); },
    async listProposalActuals(span) { return actuals.all(span.from, span.to).map(toProposalActualRow); },
    async recordProposalActual(input) { return recordActual.immediate(input); },
    async loggedSeconds(contractId, month) { return sumLogged.get(contractId, month)?.seconds ?? 0; },
    async createProposal(input, build) { return create.immediate(input, build); },
    async getProposal(id) {
      const row = byId.get(id);
      return row ? toProposalRecord(row) : null;
    },
    async findProposal(vendor, number, version) {
      const row = byNumber.get(vendor, number, version);
      return row ? toProposalRecord(row) : null;
    },
    async listProposals(filter: ListProposalsFilter) {
      const where: string[] = [];
      const params: unknown[] = [];
      const eq = (column: string, value: string | undefined) => {
        if (value === undefined) return;
        where.push(`${column} = ?`);
        params.push(value);
      };
      eq('helpdesk', filter.helpdesk);
      eq('account_id', filter.accountId);
      eq('ticket_id', filter.ticketId);
      eq('contract_id', filter.contractId);
      eq('organization_id', filter.organizationId);
      eq('budget_month', filter.budgetMonth);
      if (filter.statuses) {
        where.push(`status IN (${filter.statuses.map(() => '?').join(', ') || 'NULL'})`);
        params.push(...filter.statuses);
      }
      if (filter.decidedSince !== undefined) {
        where.push('decided_at >= ?');
        params.push(filter.decidedSince);
      }
      const sql = `SELECT * FROM proposals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      return (db.prepare(sql).all(...params, filter.limit) as ProposalRow[]).map(toProposalRecord);
    },
    async transitionProposal(id, t: ProposalTransition) {
      const sets = ['status = ?', 'updated_at = ?'];
      const params: unknown[] = [t.to, t.at];
      if (t.to === 'sent') { sets.push('sent_at = ?'); params.push(t.at); }
      // An expiry is the sweep's decision: it is timed the same way, so the sweep can find recent ones.
      if (t.to === 'accepted' || t.to === 'declined' || t.to === 'expired') {
        sets.push('decided_at = ?', 'decided_ip = ?', 'decided_by = ?');
        params.push(t.at, t.ip ?? null, t.actor ?? null);
      }
      if (t.pdfPath !== undefined) { sets.push('pdf_path = ?'); params.push(t.pdfPath); }
      if (t.budgetMonth !== undefined) { sets.push('budget_month = ?'); params.push(t.budgetMonth); }
      const sql = `UPDATE proposals SET ${sets.join(', ')} WHERE id = ? AND status IN (${t.from.map(() => '?').join(', ') || 'NULL'}) RETURNING *`;
      const row = db.prepare(sql).get(...params, id, ...t.from) as ProposalRow | undefined;
      return row ? toProposalRecord(row) : null;
    },
  };
}
