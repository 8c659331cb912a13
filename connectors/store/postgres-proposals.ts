// Proposals on PostgreSQL (see proposal-store.ts for the semantics). The sequence row's upsert takes
// a row lock that two instances queue on, so numbers stay distinct and gap-free per committed insert.
import type pg from 'pg';
import { PROPOSAL_INSERT_COLUMNS, proposalInsertValues, toProposalActualRow, toProposalRecord, type ProposalActualColumns, type ProposalRow } from './proposal-rows.js';
import type { CreatedProposal, ListProposalsFilter, ProposalRecord, ProposalStore, ProposalTransition } from './proposal-store.js';
import { proposalActualOf } from './proposal-actual-of.js';
import { toPostgresText } from './postgres-text.js';
import { withTransaction } from './postgres-transaction.js';

const insert = `INSERT INTO proposals (${PROPOSAL_INSERT_COLUMNS.join(', ')})
  VALUES (${PROPOSAL_INSERT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`;

export function createPostgresProposals(pool: pg.Pool): ProposalStore {
  return {
    async recordLoggedTime(t) {
      await withTransaction(pool, async (client) => {
        // The row lock on the ticket's total keeps two workers from booking the same growth twice.
        await client.query(`INSERT INTO logged_time_totals (helpdesk, account_id, ticket_id, total_seconds, updated_at) VALUES ($1, $2, $3, 0, $4)
          ON CONFLICT (helpdesk, account_id, ticket_id) DO NOTHING`, [t.helpdesk, t.accountId, t.ticketId, t.at]);
        const { rows } = await client.query<{ total_seconds: number }>(
          'SELECT total_seconds FROM logged_time_totals WHERE helpdesk = $1 AND account_id = $2 AND ticket_id = $3 FOR UPDATE', [t.helpdesk, t.accountId, t.ticketId]);
        const growth = t.totalSeconds - Number(rows[0]?.total_seconds ?? 0);
        if (growth > 0) {
          await client.query(`INSERT INTO logged_time (helpdesk, account_id, ticket_id, contract_id, budget_month, seconds, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (helpdesk, account_id, ticket_id, budget_month) DO UPDATE SET seconds = logged_time.seconds + excluded.seconds, updated_at = excluded.updated_at`,
          [t.helpdesk, t.accountId, t.ticketId, toPostgresText(t.contractId), t.budgetMonth, growth, t.at]);
        }
        if (growth !== 0) {
          await client.query('UPDATE logged_time_totals SET total_seconds = $4, updated_at = $5 WHERE helpdesk = $1 AND account_id = $2 AND ticket_id = $3',
            [t.helpdesk, t.accountId, t.ticketId, t.totalSeconds, t.at]);
        }
      });
    },
    async loggedSeconds(contractId, month) {
      const { rows } = await pool.query<{ seconds: string | number | null }>('SELECT SUM(seconds) AS seconds FROM logged_time WHERE contract_id = $1 AND budget_month = $2', [contractId, month]);
      return Number(rows[0]?.seconds ?? 0);
    },
    async recordProposalActual(t) {
      return withTransaction(pool, async (client) => {
        // FOR UPDATE: two workers reading one ticket's total write one figure after the other, never both from a stale read.
        const { rows } = await client.query<ProposalRow>(
          `SELECT * FROM proposals WHERE helpdesk = $1 AND account_id = $2 AND ticket_id = $3 AND status = 'accepted' ORDER BY id DESC FOR UPDATE`,
          [t.helpdesk, t.accountId, t.ticketId]);
        const next = proposalActualOf(rows, t.totalSeconds);
        if (next === null) return null;
        const updated = await client.query<ProposalRow>(
          `UPDATE proposals SET logged_seconds = $1, logged_at = $2 WHERE id = $3 AND status = 'accepted' RETURNING *`, [next.seconds, t.at, next.id]);
        return updated.rows[0] ? toProposalRecord(updated.rows[0]) : null;
      });
    },
    async listProposalActuals(span) {
      const { rows } = await pool.query<ProposalActualColumns>(`
        SELECT organization_id, contract_id, document::json #>> '{organization,name}' AS organization_name, request_kind, budget_month, hundredth_hours, logged_seconds
        FROM proposals WHERE status = 'accepted' AND budget_month BETWEEN $1 AND $2`, [span.from, span.to]);
      return rows.map(toProposalActualRow);
    },
    async createProposal(input, build) {
      // A unique violation (the same decision key inserted by another instance meanwhile) retries
      // the whole transaction, which then finds that row.
      return withTransaction(pool, async (client): Promise<CreatedProposal> => {
        if (input.decisionKey !== null) {
          const { rows } = await client.query<ProposalRow>(
            'SELECT * FROM proposals WHERE helpdesk = $1 AND account_id = $2 AND ticket_id = $3 AND decision_key = $4',
            [input.helpdesk, input.accountId, input.ticketId, input.decisionKey]);
          if (rows[0]) return { proposal: toProposalRecord(rows[0]), created: false };
        }
        let superseded: ProposalRecord | undefined;
        let numbering: { year: number; sequence: number; version: number };
        if (input.revises !== undefined) {
          const { rows } = await client.query<ProposalRow>(
            `UPDATE proposals SET status = 'superseded', updated_at = $1 WHERE id = $2 AND status IN ('draft', 'sent') RETURNING *`,
            [input.createdAt, input.revises]);
          const row = rows[0];
          if (!row) throw new Error(`proposal ${input.revises} is not open (draft or sent) and cannot be revised`);
          superseded = toProposalRecord(row);
          const [, year, sequence] = /^P-(\d{4})-(\d+)$/.exec(row.number) ?? [];
          numbering = { year: Number(year), sequence: Number(sequence), version: row.version + 1 };
        } else {
          const { rows } = await client.query<{ last_sequence: number }>(`
            INSERT INTO proposal_sequences (vendor, year, last_sequence) VALUES ($1, $2, 1)
            ON CONFLICT (vendor, year) DO UPDATE SET last_sequence = proposal_sequences.last_sequence + 1
            RETURNING last_sequence`, [toPostgresText(input.vendor), input.year]);
          numbering = { year: input.year, sequence: Number(rows[0]!.last_sequence), version: 1 };
        }
        const content = build(numbering);
        const values = proposalInsertValues({ ...input, vendor: toPostgresText(input.vendor) }, content)
          .map((v) => (typeof v === 'string' ? toPostgresText(v) : v));
        const { rows } = await client.query<ProposalRow>(insert, values);
        return { proposal: toProposalRecord(rows[0]!), created: true, ...(superseded ? { superseded } : {}) };
      });
    },
    async getProposal(id) {
      const row = (await pool.query<ProposalRow>('SELECT * FROM proposals WHERE id = $1', [id])).rows[0];
      return row ? toProposalRecord(row) : null;
    },
    async findProposal(vendor, number, version) {
      const row = (await pool.query<ProposalRow>('SELECT * FROM proposals WHERE vendor = $1 AND number = $2 AND version = $3',
        [toPostgresText(vendor), number, version])).rows[0];
      return row ? toProposalRecord(row) : null;
    },
    async listProposals(filter: ListProposalsFilter) {
      const where: string[] = [];
      const params: unknown[] = [];
      const eq = (column: string, value: string | undefined) => {
        if (value === undefined) return;
        params.push(value);
        where.push(`${column} = $${params.length}`);
      };
      eq('helpdesk', filter.helpdesk);
      eq('account_id', filter.accountId);
      eq('ticket_id', filter.ticketId);
      eq('contract_id', filter.contractId);
      eq('organization_id', filter.organizationId);
      eq('budget_month', filter.budgetMonth);
      if (filter.statuses) {
        params.push([...filter.statuses]);
        where.push(`status = ANY($${params.length}::text[])`);
      }
      if (filter.decidedSince !== undefined) {
        params.push(filter.decidedSince);
        where.push(`decided_at >= $${params.length}`);
      }
      params.push(filter.limit);
      const sql = `SELECT * FROM proposals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`;
      return (await pool.query<ProposalRow>(sql, params)).rows.map(toProposalRecord);
    },
    async transitionProposal(id, t: ProposalTransition) {
      const params: unknown[] = [t.to, t.at];
      const sets = ['status = $1', 'updated_at = $2'];
      const set = (column: string, value: unknown) => { params.push(value); sets.push(`${column} = $${params.length}`); };
      if (t.to === 'sent') set('sent_at', t.at);
      // An expiry is the sweep's decision: it is timed the same way, so the sweep can find recent ones.
      if (t.to === 'accepted' || t.to === 'declined' || t.to === 'expired') {
        set('decided_at', t.at);
        set('decided_ip', t.ip ?? null);
        set('decided_by', t.actor === undefined ? null : toPostgresText(t.actor));
      }
      if (t.pdfPath !== undefined) set('pdf_path', t.pdfPath);
      if (t.budgetMonth !== undefined) set('budget_month', t.budgetMonth);
      params.push(id, [...t.from]);
      const sql = `UPDATE proposals SET ${sets.join(', ')} WHERE id = $${params.length - 1} AND status = ANY($${params.length}::text[]) RETURNING *`;
      const row = (await pool.query<ProposalRow>(sql, params)).rows[0];
      return row ? toProposalRecord(row) : null;
    },
  };
}
