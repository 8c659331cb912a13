// The audit log (append-only, newest first when read) and the key/value settings table on SQLite.
import type Database from 'better-sqlite3';
import { toAuditEntry } from './sqlite-rows.js';
import type { AuditRow } from './sqlite-rows.js';
import type { AuditEntry, AuditInput, HelpdeskKind, ListAuditOptions } from './store.js';

export function createSqliteAudit(db: Database.Database, now: () => number) {
  const insert = db.prepare<Record<string, unknown>, { id: number }>(`
    INSERT INTO audit (helpdesk, account_id, ticket_id, job_id, event_ids, kind, outcome, rule, config_hash, verdict,
      fingerprint, calls, at, actor, note)
    VALUES (@helpdesk, @accountId, @ticketId, @jobId, @eventIds, @kind, @outcome, @rule, @configHash, @verdict,
      @fingerprint, @calls, @at, @actor, @note)
    RETURNING id`);
  const list = db.prepare<Record<string, string | number | null>, AuditRow>(`
    SELECT * FROM audit
    WHERE (@helpdesk IS NULL OR helpdesk = @helpdesk) AND (@account IS NULL OR account_id = @account)
      AND (@ticket IS NULL OR ticket_id = @ticket) AND (@id IS NULL OR id = @id)
      AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))
      AND (@outcome IS NULL OR outcome = @outcome) AND (@rule IS NULL OR rule = @rule)
      AND (@since IS NULL OR at >= @since) AND (@until IS NULL OR at < @until)
      AND (@org IS NULL OR @org IN (json_extract(verdict, '$.contract.id'), json_extract(verdict, '$.contract.name'),
        CAST(json_extract(verdict, '$.organization.id') AS TEXT), json_extract(verdict, '$.organization.name')))
    ORDER BY id DESC LIMIT @limit`);
  const lastDecision = db.prepare<[string, string, string], AuditRow>(`
    SELECT * FROM audit WHERE helpdesk = ? AND account_id = ? AND ticket_id = ? AND kind = 'decision'
    ORDER BY id DESC LIMIT 1`);
  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const insertSetting = db.prepare<[string, string, number]>('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING');
  const putSetting = db.prepare<[string, string, number]>(`
    INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);

  return {
    append(entry: AuditInput): number {
      const row = insert.get({
        helpdesk: entry.helpdesk,
        accountId: entry.accountId,
        ticketId: entry.ticketId,
        jobId: entry.jobId ?? null,
        eventIds: JSON.stringify(entry.eventIds),
        kind: entry.kind,
        outcome: entry.outcome ?? null,
        rule: entry.rule ?? null,
        configHash: entry.configHash,
        // undefined has no JSON text; store it as null rather than failing the NOT NULL column.
        verdict: JSON.stringify(entry.verdict) ?? 'null',
        fingerprint: entry.fingerprint ?? null,
        calls: JSON.stringify(entry.calls),
        at: entry.at,
        actor: entry.actor ?? null,
        note: entry.note ?? null,
      });
      if (!row) throw new Error('appendAudit: the insert returned no row');
      return row.id;
    },
    list(options: ListAuditOptions): AuditEntry[] {
      return list.all({
        helpdesk: options.helpdesk ?? null,
        account: options.accountId ?? null,
        ticket: options.ticketId ?? null,
        id: options.id ?? null,
        kinds: options.kinds === undefined ? null : JSON.stringify(options.kinds),
        outcome: options.outcome ?? null,
        rule: options.rule ?? null,
        org: options.organization ?? null,
        since: options.since ?? null,
        until: options.until ?? null,
        limit: options.limit,
      }).map(toAuditEntry);
    },
    lastDecision(helpdesk: HelpdeskKind, accountId: string, ticketId: string): AuditEntry | null {
      const row = lastDecision.get(helpdesk, accountId, ticketId);
      return row ? toAuditEntry(row) : null;
    },
    getSetting: (key: string): string | null => getSetting.get(key)?.value ?? null,
    putSetting: (key: string, value: string): void => { putSetting.run(key, value, now()); },
    putSettingIfAbsent: (key: string, value: string): string => {
      insertSetting.run(key, value, now());
      return getSetting.get(key)?.value ?? value;
    },
  };
}
