// The numbered schema migrations, in one place, and the runner that applies them idempotently.
// The SQL is kept plain so it ports to PostgreSQL: there INTEGER PRIMARY KEY becomes
// BIGINT GENERATED ALWAYS AS IDENTITY and epoch-ms INTEGER columns become BIGINT; the partial unique
// indexes and ON CONFLICT clauses carry over unchanged.
import type Database from 'better-sqlite3';
import { loggedTimeMigrationSql, proposalActualsMigrationSql, proposalsMigrationSql } from './proposal-rows.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'deliveries, jobs, audit, settings',
    sql: `
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        helpdesk TEXT NOT NULL CHECK (helpdesk IN ('zendesk', 'jira')),
        account_id TEXT NOT NULL,
        ticket_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        run_after INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- One job per ticket at a time is a constraint, not a convention.
      CREATE UNIQUE INDEX jobs_one_queued_per_ticket ON jobs (helpdesk, account_id, ticket_id) WHERE state = 'queued';
      CREATE UNIQUE INDEX jobs_one_running_per_ticket ON jobs (helpdesk, account_id, ticket_id) WHERE state = 'running';
      CREATE INDEX jobs_by_state ON jobs (state, run_after, id);

      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        helpdesk TEXT NOT NULL CHECK (helpdesk IN ('zendesk', 'jira')),
        account_id TEXT NOT NULL,
        delivery_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        ticket_id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        payload TEXT NOT NULL,
        job_id INTEGER REFERENCES jobs (id),
        UNIQUE (helpdesk, account_id, delivery_id),
        UNIQUE (helpdesk, account_id, event_id)
      );
      CREATE INDEX deliveries_by_job ON deliveries (job_id, id);

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        helpdesk TEXT NOT NULL CHECK (helpdesk IN ('zendesk', 'jira')),
        account_id TEXT NOT NULL,
        ticket_id TEXT NOT NULL,
        job_id INTEGER,
        event_ids TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('decision', 'guard', 'action', 'error')),
        outcome TEXT,
        rule TEXT,
        config_hash TEXT NOT NULL,
        verdict TEXT NOT NULL,
        fingerprint TEXT,
        calls TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT,
        note TEXT
      );
      CREATE INDEX audit_by_ticket ON audit (helpdesk, account_id, ticket_id, kind, id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  { version: 2, name: 'proposals and their number sequences', sql: proposalsMigrationSql('INTEGER PRIMARY KEY', 'INTEGER') },
  { version: 3, name: 'logged time per ticket and month', sql: loggedTimeMigrationSql('INTEGER') },
  { version: 4, name: 'request kind and logged time per proposal', sql: proposalActualsMigrationSql('INTEGER') },
];

/** Applies the migrations the database lacks, all in one write transaction; returns their versions. */
export function migrateSqlite(db: Database.Database, now: number): number[] {
  const run = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
    const current = row.version ?? 0;
    const newest = migrations.at(-1)?.version ?? 0;
    if (current > newest) {
      throw new Error(`database schema is version ${current}, newer than this InScope knows (${newest}); upgrade InScope`);
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, now);
      applied.push(migration.version);
    }
    return applied;
  });
  return run.immediate();
}
