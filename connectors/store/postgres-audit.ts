// The audit log (append-only, newest first when read) and the key/value settings table on PostgreSQL.
import type pg from 'pg';
import { toAuditEntry } from './sqlite-rows.js';
import type { AuditRow } from './sqlite-rows.js';
import type { AuditEntry, AuditInput, HelpdeskKind, ListAuditOptions } from './store.js';

const insert = `
  INSERT INTO audit (helpdesk, account_id, ticket_id, job_id, event_ids, kind, outcome, rule, config_hash, verdict,
    fingerprint, calls, at, actor, note)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
  RETURNING id`;
// The organization filter reads the verdict's JSON (kept as TEXT, like SQLite): only rows that the
// other filters left are cast, and a CLI reading the log is the only caller that sets it.
const list = `
  SELECT * FROM audit
  WHERE ($1::text IS NULL OR helpdesk = $1) AND ($2::text IS NULL OR account_id = $2) AND ($3::text IS NULL OR ticket_id = $3)
    AND ($5::bigint IS NULL OR id = $5) AND ($6::text[] IS NULL OR kind = ANY($6::text[]))
    AND ($7::text IS NULL OR outcome = $7) AND ($8::text IS NULL OR rule = $8)
    AND ($10::bigint IS NULL OR at >= $10) AND ($11::bigint IS NULL OR at < $11)
    AND ($9::text IS NULL OR $9 IN (verdict::jsonb #>> '{contract,id}', verdict::jsonb #>> '{contract,name}',
      verdict::jsonb #>> '{organization,id}', verdict::jsonb #>> '{organization,name}'))
  ORDER BY id DESC LIMIT $4`;
const lastDecision = `
  SELECT * FROM audit WHERE helpdesk = $1 AND account_id = $2 AND ticket_id = $3 AND kind = 'decision'
  ORDER BY id DESC LIMIT 1`;
const getSetting = 'SELECT value FROM settings WHERE key = $1';
const insertSetting = 'INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING';
const putSetting = `
  INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;

export function createPostgresAudit(pool: pg.Pool, now: () => number) {
  return {
    async append(entry: AuditInput): Promise<number> {
      const { rows } = await pool.query<{ id: number }>(insert, [
        entry.helpdesk, entry.accountId, entry.ticketId, entry.jobId ?? null, JSON.stringify(entry.eventIds), entry.kind,
        entry.outcome ?? null, entry.rule ?? null, entry.configHash,
        // undefined has no JSON text; store it as null rather than failing the NOT NULL column.
        JSON.stringify(entry.verdict) ?? 'null',
        entry.fingerprint ?? null, JSON.stringify(entry.calls), entry.at, entry.actor ?? null, entry.note ?? null,
      ]);
      const row = rows[0];
      if (!row) throw new Error('appendAudit: the insert returned no row');
      return row.id;
    },
    async list(options: ListAuditOptions): Promise<AuditEntry[]> {
      const { rows } = await pool.query<AuditRow>(list, [
        options.helpdesk ?? null, options.accountId ?? null, options.ticketId ?? null, options.limit,
        options.id ?? null, options.kinds === undefined ? null : [...options.kinds], options.outcome ?? null, options.rule ?? null,
        options.organization ?? null, options.since ?? null, options.until ?? null,
      ]);
      return rows.map(toAuditEntry);
    },
    async lastDecision(helpdesk: HelpdeskKind, accountId: string, ticketId: string): Promise<AuditEntry | null> {
      const row = (await pool.query<AuditRow>(lastDecision, [helpdesk, accountId, ticketId])).rows[0];
      return row ? toAuditEntry(row) : null;
    },
    async getSetting(key: string): Promise<string | null> {
      return (await pool.query<{ value: string }>(getSetting, [key])).rows[0]?.value ?? null;
    },
    async putSetting(key: string, value: string): Promise<void> {
      await pool.query(putSetting, [key, value, now()]);
    },
    async putSettingIfAbsent(key: string, value: string): Promise<string> {
      await pool.query(insertSetting, [key, value, now()]);
      return (await pool.query<{ value: string }>(getSetting, [key])).rows[0]?.value ?? value;
    },
  };
}
