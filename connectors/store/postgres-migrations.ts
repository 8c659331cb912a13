// The PostgreSQL schema migrations. This is a parallel list to sqlite-migrations.ts with the same
// version numbers and names (test/store/migrations.test.ts checks that), because the DDL differs in
// types only: INTEGER PRIMARY KEY → BIGINT GENERATED ALWAYS AS IDENTITY, epoch-ms INTEGER → BIGINT.
// A new migration is added to both lists under the same version. The runner holds a transaction-level
// advisory lock, so two instances starting at once apply each migration exactly once; PostgreSQL DDL
// is transactional, so a failed migration leaves nothing behind.
import { recordDeliveriesRoutine } from './postgres-deliveries.js';
import { quoteSchema } from './postgres-pool.js';
import type { Queryable } from './postgres-transaction.js';
import { loggedTimeMigrationSql, proposalActualsMigrationSql, proposalsMigrationSql } from './proposal-rows.js';
import type { Migration } from './sqlite-migrations.js';

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'deliveries, jobs, audit, settings',
    sql: `
      CREATE TABLE jobs (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        helpdesk TEXT NOT NULL CHECK (helpdesk IN ('zendesk', 'jira')),
        account_id TEXT NOT NULL,
        ticket_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        run_after BIGINT NOT NULL,
        lease_owner TEXT,
        lease_until BIGINT,
        last_error TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      -- One job per ticket at a time is a constraint, not a convention.
      CREATE UNIQUE INDEX jobs_one_queued_per_ticket ON jobs (helpdesk, account_id, ticket_id) WHERE state = 'queued';
      CREATE UNIQUE INDEX jobs_one_running_per_ticket ON jobs (helpdesk, account_id, ticket_id) WHERE state = 'running';
      CREATE INDEX jobs_by_state ON jobs (state, run_after, id);

      CREATE TABLE deliveries (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        helpdesk TEXT NOT NULL CHECK (helpdesk IN ('zendesk', 'jira')),
        account_id TEXT NOT NULL,
        delivery_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        ticket_id TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        payload TEXT NOT NULL,
        job_id BIGINT REFERENCES jobs (id),
        UNIQUE (helpdesk, account_id, delivery_id),
        UNIQUE (helpdesk, account_id, event_id)
      );
      CREATE INDEX deliveries_by_job ON deliveries (job_id, id);

      CREATE TABLE audit (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        helpdesk TEXT NOT NULL CHECK (helpdesk IN ('zendesk', 'jira')),
        account_id TEXT NOT NULL,
        ticket_id TEXT NOT NULL,
        job_id BIGINT,
        event_ids TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('decision', 'guard', 'action', 'error')),
        outcome TEXT,
        rule TEXT,
        config_hash TEXT NOT NULL,
        verdict TEXT NOT NULL,
        fingerprint TEXT,
        calls TEXT NOT NULL,
        at BIGINT NOT NULL,
        actor TEXT,
        note TEXT
      );
      CREATE INDEX audit_by_ticket ON audit (helpdesk, account_id, ticket_id, kind, id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
    `,
  },
  { version: 2, name: 'proposals and their number sequences', sql: proposalsMigrationSql('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', 'BIGINT') },
  { version: 3, name: 'logged time per ticket and month', sql: loggedTimeMigrationSql('BIGINT') },
  { version: 4, name: 'request kind and logged time per proposal', sql: proposalActualsMigrationSql('BIGINT') },
];

/** Functions the store calls, (re)created by every migrate after the versioned migrations. */
export const postgresRoutines: readonly string[] = [recordDeliveriesRoutine];

// Arbitrary first key of the two-key advisory lock; the second is the schema, so stores in
// different schemas of one database migrate independently.
const MIGRATION_LOCK = 0x1d5c09e;

/** Applies the migrations the schema lacks, in the caller's transaction; returns their versions. */
export async function migratePostgres(client: Queryable, now: number, schema?: string): Promise<number[]> {
  if (schema !== undefined) quoteSchema(schema);
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, schema ?? '']);
  if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(schema)}`);
  await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  const current = rows[0]?.version ?? 0;
  const newest = postgresMigrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(`database schema is version ${current}, newer than this InScope knows (${newest}); upgrade InScope`);
  }
  const applied: number[] = [];
  for (const migration of postgresMigrations) {
    if (migration.version <= current) continue;
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, now]);
    applied.push(migration.version);
  }
  // Routines are code, not data: replaced on every migrate, so they never need a version of their
  // own (a version number here would have to be mirrored in SQLite's list). A body that changes
  // gets a new name, so instances of the previous release keep calling the one they know.
  for (const routine of postgresRoutines) await client.query(routine);
  return applied;
}
